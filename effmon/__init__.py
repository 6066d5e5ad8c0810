"""effmon: analytics workbench of a district government-service center."""
