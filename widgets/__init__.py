"""Qt views: thin widgets that render state and forward user intent."""
