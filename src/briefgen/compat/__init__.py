"""Every use of a library's private API, in one module per library, with its tested bounds.

ReportLab and python-docx do not expose everything a publication needs (a fixed creation
date, a deferred save, a rewritten ToUnicode map, a section's raw properties). The writers
reach those internals only through these modules, whose tests pin the versions the internals
were checked against (`pyproject.toml` carries the same bounds), so an upgrade that moves them
fails a test instead of silently changing an output.
"""
