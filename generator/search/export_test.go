package search

// FoldSlow exposes the general folding path to tests.
var FoldSlow = foldSlow
