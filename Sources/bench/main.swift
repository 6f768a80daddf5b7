// bench: training speed of the slides' models (being written).
print("bench: not written yet")
