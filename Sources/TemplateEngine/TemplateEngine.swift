// The Jinja-compatible template language; see DESIGN.md "Template language".
