"""Side effects of the decision basis: every change is audited here, never in views or models."""
