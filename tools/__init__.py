"""Developer tools run from a checkout (screenshots, translations)."""
