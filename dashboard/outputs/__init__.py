"""Files for slides and spreadsheets: the image renderer, slide images, the deck, CSV/XLSX and the format registry.

May import everything below: curated, analysis, views, config.
"""
