"""Widgets of the browser: the paged claims table and the vim-keyed table it builds on."""
