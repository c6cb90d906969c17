"""korrektor: restore German text damaged by OCR and PDF extraction.

    >>> import korrektor
    >>> result = korrektor.correct(text)
    >>> result.text, result.edits          # corrected text, the edits that made it
    >>> result.restore() == text           # the input is always recoverable
    >>> korrektor.correct(text, words=False, keep_lines=True)   # options: the settings of Config

Every edit carries offsets into the input, the text before and after, its kind, a confidence and
alternatives. ``Config`` switches stages on and off; ``correct`` takes a ``Config``, keyword
options that override it, or both.
"""

from .config import Config
from .edits import Edit, apply, revert
from .pipeline import STAGES, CoreError, Result, correct

__all__ = ["correct", "Config", "Result", "Edit", "apply", "revert", "STAGES", "CoreError"]
__version__ = "0.1.0"
