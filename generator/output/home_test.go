package output

import (
	"os/user"
	"slices"
	"testing"
)

// TestHomeDirsWithoutHOME checks that the home folder is still known, from
// the user database, when HOME is unset or names another folder, so that
// a build refuses to replace it all the same.
func TestHomeDirsWithoutHOME(t *testing.T) {
	u, err := user.Current()
	if err != nil || u.HomeDir == "" {
		t.Skipf("no home folder in the user database: %v", err)
	}
	for _, home := range []string{"", t.TempDir()} {
		t.Setenv("HOME", home)
		if got := homeDirs(); !slices.Contains(got, u.HomeDir) {
			t.Errorf("HOME=%q: homeDirs() = %q, want it to hold %q", home, got, u.HomeDir)
		}
	}
}
