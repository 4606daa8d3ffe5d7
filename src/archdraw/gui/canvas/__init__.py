"""The drawing surface: a QGraphicsScene that follows a Document, and its view."""
