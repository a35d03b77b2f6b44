"""Everything Qt: windows, widgets, models. Thin: it calls the core."""
