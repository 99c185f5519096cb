"""Services: everything that talks to the outside or runs off the UI thread."""
