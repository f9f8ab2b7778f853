"""Brief → Document: facts, citations, numbering and anchors, labels — decided once."""
