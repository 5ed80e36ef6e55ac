"""Side effects of the staff's own work; every change is audited here."""
