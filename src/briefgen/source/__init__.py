"""Reading a brief folder: YAML with line numbers, the schema, validation."""
