"""The browser's screens: claims (home), claim detail, source, sources, review, help."""
