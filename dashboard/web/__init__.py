"""The Dash app: layout, callbacks, URL state, provenance, downloads. The only code that imports dash.

May import everything below it.
"""
