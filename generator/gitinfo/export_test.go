package gitinfo

// Len returns the number of files with a commit, so that tests can check
// that Load read no file outside its folder.
func (h *History) Len() int {
	if h == nil {
		return 0
	}
	return len(h.files)
}
