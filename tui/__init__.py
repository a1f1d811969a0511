"""The editor's browser: a Textual app over the knowledge base. The only package that imports
Textual; everything it shows comes from `kb` queries run in worker threads."""
