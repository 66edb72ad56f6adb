x = "ÿþ not utf-8"
