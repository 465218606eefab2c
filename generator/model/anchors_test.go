package model_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/model"
)

func TestGitHubID(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Loop & Tie", "loop--tie"},
		{"k8s.sgdev.org", "k8ssgdevorg"},
		{"Öppettider", "öppettider"},
		{"What's new? (2024)", "whats-new-2024"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{" Write to the log", "-write-to-the-log"},
		{"Drafts at 1%, 50%, 99%", "drafts-at-1-50-99"},
		{"日本語の見出し", "日本語の見出し"},
		{"Emoji 🎉 party", "emoji--party"},
	} {
		if got := model.GitHubID(tc.text); got != tc.want {
			t.Errorf("GitHubID(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
