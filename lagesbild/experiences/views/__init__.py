"""Views of the experience collection, one module per area."""
