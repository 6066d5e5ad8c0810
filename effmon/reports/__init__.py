"""PDF reports built with reportlab: each ``make_*_report`` returns the document's bytes."""
