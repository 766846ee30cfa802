"""The one exception the rules engine raises."""


class RuleError(ValueError):
    """A rule that cannot be compiled, or that cannot be evaluated where json-logic-js would throw.

    `str(error)` is a message fit to show to the person who wrote the rule: it names the operator
    and, for compile errors, the JSON path of the offending part (`$` is the whole rule).
    """
