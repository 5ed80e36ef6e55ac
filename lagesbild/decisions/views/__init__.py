"""Pages of the decision basis, one module per area."""
