"""The installer's camera commissioning: wizard pages and the per-camera report."""
