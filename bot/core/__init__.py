"""The pure core: knowledge → matching → answer. Knows nothing of chat platforms, HTTP or databases."""
