"""The window's parts: side-by-side table, detail pane, formulations, heatmap, dot plot."""
