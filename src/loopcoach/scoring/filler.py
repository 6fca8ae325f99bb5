"""What fills an answer without adding to it: self-praise, and a list of terms with no
sentences around them.

Both come from the grading guide: a grade is about substance, not length or vocabulary,
and a string of domain terms without mechanisms or reasoning is a `buzzword_salad`. A
sentence of self-praise ("I am known for my relentless focus on the customer") says what
the candidate is, not what they did; it earns no criterion and no evidence.
"""

from __future__ import annotations

from loopcoach.scoring.cuecompile import Cue
from loopcoach.scoring.text import STOPWORDS, words

# Written from the guide's "first-person ownership" read the other way round: qualities
# claimed rather than decisions shown. General English, checked on loopcoach's corpus.
SELF_PRAISE = Cue(
    (
        r"\bI(?:'m| am) (?:known|respected|recognised|recognized|praised) for\b",
        r"\bI(?:'m| am) (?:a|an|the) (?:\w+ ){0,2}(?:natural|born|rare|true|genuine|"
        r"exceptional|outstanding|strong|great|excellent|tireless) ",
        r"\bI(?:'m| am) (?:the kind of|the type of|someone who|the person)\b",
        r"\bI(?:'m| am) (?:passionate|obsessed|relentless|driven|dedicated|committed) "
        r"(?:about|with|to|by)\b",
        r"\b(?:people|everyone|colleagues|my (?:\w+ )?(?:managers?|colleagues|peers|teams?|"
        r"leaders?|reviews?)) (?:always |often |have always |constantly )?(?:say|said|tell|told|"
        r"call|called|describe|described)(?: me)?(?: that)? I(?:'m| am| was| have| bring)\b",
        r"\b(?:reviews?|leaders?|people) (?:\w+ )?(?:calls? out|remark on|seek out) my\b",
        r"\bI (?:always|never) (?:deliver|settle|give up|go the extra|fail to)\b",
        r"\bI thrive\b",
        r"\bI(?:'ve| have) (?:always )?been (?:the|a|an) (?:person|one|kind|go-to)\b",
        r"\bI(?:'ve| have) been (?:described|called|praised|recognised|recognized) as\b",
        r"\bsuperpower\b",
        r"\btrack record\b",
        r"\b(?:comes|come) naturally to me\b",
        r"\bI (?:have|bring) (?:a|an) (?:rare |real |unique |natural )?(?:ability|gift|talent|"
        r"knack|growth mindset|ownership mentality)\b",
        r"\bI (?:hold myself to|set myself) (?:a )?(?:higher|high|the highest) standard",
        r"\blike few (?:people|others)\b",
        r"\bthan anyone (?:else )?(?:I know|around me)\b",
        r"\bgoes? the extra mile\b",
        r"\bI (?:build|earn|gain) trust (?:quickly|fast|easily)\b",
        r"\b(?:singled me out|top performer|hardest workers?)\b",
    )
)
# In running English about half the words are function words; a list of terms has
# almost none. Below this share an answer is a list, not an argument.
LIST_STOPWORD_SHARE = 0.2
LIST_MIN_WORDS = 15


def is_self_praise(text: str) -> bool:
    return bool(SELF_PRAISE.search(text))


def stopword_share(text: str) -> float:
    tokens = [w for w in words(text) if not w[0].isdigit()]
    if not tokens:
        return 1.0
    return sum(1 for w in tokens if w in STOPWORDS) / len(tokens)


def is_term_list(text: str) -> bool:
    """Terms strung together with commas, with almost no words that join them."""
    return len(words(text)) >= LIST_MIN_WORDS and stopword_share(text) < LIST_STOPWORD_SHARE
