"""Cost rules (AD7xx): spending the design does not need or cannot bound."""
