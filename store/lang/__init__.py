"""What the wings share about the two languages: scripts, numerals, dates, pinyin.

Ingest uses them to align, the checks to compare one side with the other;
neither wing imports the other, so the knowledge lives here, beside ``model``.
"""
