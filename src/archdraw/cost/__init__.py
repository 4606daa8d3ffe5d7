"""What a design costs per month: a planning estimate from list prices (no Qt).

- `load_prices()`: the shipped price book (cloud list prices, an LLM price
  snapshot) with the user's price files laid over it.
- `estimate(design, library, book, growth)`: cost per component and line
  (compute, storage, requests, tokens, transfer), baseline apart from usage,
  each line's basis (stated, default, derived) and what is unknown.
- `render_cost_text` / `cost_to_json`: the CLI's and the review's output.

The model, its prices and what it leaves out are described in the README ("Cost").
"""

from archdraw.cost.estimate import (
    NOT_MODELLED,
    ComponentCost,
    CostEstimate,
    cost_steps,
    estimate,
    unpriced_reasons,
)
from archdraw.cost.lines import CostLine, money, money_range
from archdraw.cost.prices import (
    PriceBook,
    PriceError,
    load_prices,
    shipped_prices,
    user_prices_dir,
)
from archdraw.cost.report import cost_sentence, cost_to_json, render_cost_text

__all__ = [
    "NOT_MODELLED",
    "ComponentCost",
    "CostEstimate",
    "CostLine",
    "PriceBook",
    "PriceError",
    "cost_sentence",
    "cost_steps",
    "cost_to_json",
    "estimate",
    "load_prices",
    "money",
    "money_range",
    "render_cost_text",
    "shipped_prices",
    "unpriced_reasons",
    "user_prices_dir",
]
