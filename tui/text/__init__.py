"""Text both front ends show: labels of dates and lines, paragraphs with their marks,
concordance lines. Plain strings and Rich text, no Textual: the command line prints
them as the app draws them."""
