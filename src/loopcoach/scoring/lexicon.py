"""Cue families: the phrases that show a mechanism, a decision, a trade-off, a metric...

Each family is one case-insensitive regular expression. A cue alone earns little: the
signals in `signals.py` weigh a cue by the sentence it sits in (does that sentence also
give a reason, a number tied to an outcome, a first-person decision?). That is how the
scorer reads substance rather than vocabulary.

Above each family a comment says where its phrases came from. Scorer v1 (6c1a67b) wrote
most families before loopcoach had a corpus of its own, from bench/GRADING.md's
definitions, and some of its phrases were lifted from the hand-graded dev answers.
`benchmarks/pattern_audit.py` lists every phrase that matches dev answers and nothing in
loopcoach's own corpus (calibration files, pack exemplars and texts) or the held-out
files; such phrases were removed, or rewritten in general words that match loopcoach's
own corpus. The few left are plain English, each with a comment saying so. The dev sets
are for measuring only.
"""

from __future__ import annotations

import re

# The compiler is in cuecompile.py; the names stay importable from here.
from loopcoach.scoring.cuecompile import Cue, _compile, _family  # noqa: F401

B = r"\b"

# --- how an answer reasons -------------------------------------------------------------
# Provenance: scorer v1 (6c1a67b), from GRADING.md's bar (reasoning, not vocabulary): general English connectives.
MECHANISM = _family(
    r"\bbecause\b",
    r"\bso that\b",
    r"(?:^|[,;:-]\s*|\.\s+)so\b(?! far| much| many)",
    r"\bsince\b(?! then)",
    r"\bwhich means\b",
    r"\bthat means\b",
    r"\bmeans that\b",
    r"\btherefore\b",  # a plain connective like "thus": kept though loopcoach's corpus lacks it
    r"\bthat's why\b",
    r"\bwhich is why\b",
    r"\bthe reason\b",
    r"\bin order to\b",
    r"\botherwise\b",
    r"\bthat way\b",
    r"\bthus\b",
    r"\blets (?:us|them|the)\b",
    r"\bwhich (?:lets|keeps|stops|cuts|removes|avoids|turns|makes)\b",
    r"\bso the\b",
    r"\bso we\b",
    r"\bso I\b",
    r"\bbecause of that\b",
    r"\bthe point is\b",
    r"\bdriven by\b",
    r"\bwhat (?:actually )?(?:drives|causes|matters)\b",
    r"\bthe (?:real )?(?:cause|driver)\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of rigid_plan (a plan with conditions is not fixed): general English.
CONDITION = _family(
    r"\bif\b[^.;]{3,80}?(?:,|\bthen\b|\bwe\b|\bI\b|\bI'd\b|\bwe'd\b|\bit\b)",
    r"\bunless\b",
    r"\bonly if\b",
    r"\bas long as\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'kill criterion' (grade 4) and rigid_plan's 'no kill or pivot criterion'.
KILL = _family(
    r"\bkill\b",
    r"\broll(?:ed)? ?back\b",
    r"\brollback\b",
    r"\bpivot\b",
    r"\brethink\b",
    r"\bstop (?:the|it)\b",
    r"\bpull (?:it|the plug)\b",
    r"\bgo/no-go\b",
    r"\bguardrail",
    r"\bthreshold\b",
    r"\bkill criteri",
    r"\bexit criteri",
    r"\bwalk away\b",
    r"\bshut (?:it )?down\b",  # a plain phrasal verb like "roll back": kept though loopcoach's corpus lacks it
    r"\bscale (?:it )?back\b",
    r"\bdrop (?:it|the)\b",
    # GRADING.md's "pivot criterion": the plan that takes over when a condition fails.
    r"\bfall ?back (?:is|would be|plan|option)\b",
    r"\bplan b\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of rigid_plan ('no hypothesis').
HYPOTHESIS = _family(
    r"\bhypothes[ie]s\b",
    r"\bmy (?:guess|bet|assumption)\b",
    r"\bI'd (?:check|test|verify|validate)\b",
    r"\bpilot\b",
    r"\bA/B\b",
    r"\bexperiment",
    r"\btest (?:it|this|that) (?:first|in|with|on)\b",
    r"\bto check\b",
    r"\bwe'd learn\b",
    r"\bvalidate\b",
    r"\bholdout\b",
    r"\bcontrol group\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'explicit trade-offs'; dev-only phrases removed or generalised (benchmarks/pattern_audit.py).
TRADEOFF = _family(
    r"\binstead of\b",
    r"\brather than\b",
    r"\btrade-?offs?\b",
    r"\bat the (?:cost|expense) of\b",
    r"\bthe cost (?:is|was)\b",
    r"\bdownside\b",
    r"\bthe catch\b",
    r"\bgive up\b",
    r"\bgave up\b",
    r"\bin exchange\b",
    r"\baccept(?:ed|ing)? (?:that|the|a|some)\b",
    r"\bworth it\b",
    r"\beven if\b",
    r"\bthe price (?:is|was|of)\b",
    r"\bpaused\b",
    r"\bdeprioriti[sz]",  # a plain verb like "paused": kept though loopcoach's corpus lacks it
    r"\bsacrific",
    r"\bcut (?:the )?scope\b",
    r"\bnot [\w' -]{1,40}, but\b",
    r"\bbut\b",
    r"\bhowever\b",
    r"\bversus\b",
    r"\bvs\.?\b",
    r"\bthe risk (?:is|was|there)\b",
    r"\bwe lose\b",
    r"\bcosts? (?:us|more|less)\b",
    r"\bslower but\b",
    r"\bcheaper\b",
    r"\bwouldn't\b",
    r"\bI'd avoid\b",
    r"\bwon't\b",
    r"\bskip\b",
    r"\bdon't need\b",
)

# --- ownership --------------------------------------------------------------------------
_DECISION_VERBS = (
    r"decided|chose|proposed|argued|pushed|cut|put|built|wrote|ran|led|owned|set|killed|dropped|"
    r"changed|designed|called|sat|went|pulled|negotiated|took|made|moved|split|shipped|launched|"
    r"rewrote|picked|told|convinced|agreed|insisted|redesigned|reworked|started|stopped|"
    r"restructured|committed|asked|offered|brought|found|noticed|dug|realised|realized|traded|"
    r"held|kept|paused|scoped|added|removed|recommended|persuaded|bet|framed|mapped|rebuilt|"
    r"focused|prioriti[sz]ed|volunteered|escalated|reran|rolled|tested|checked|compared|measured"
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'first-person ownership'; the past-tense and "I'd <verb>" rules from loopcoach's pack exemplars (0c83b7c, ca62368).
DECISION = _family(
    rf"\bI (?:\w+ly )?(?:{_DECISION_VERBS})\b",
    # A first-person regular past tense is an act of the speaker's own, bar verbs of
    # thought, feeling or hearing.
    r"\bI (?:also |then |first |personally |\w+ly )?(?!(?:wanted|needed|liked|loved|enjoyed|"
    r"tried|hoped|believed|assumed|expected|guessed|learned|learnt|realised|realized|worried|"
    r"noticed|remembered|reported|raised|followed|used|seemed|appeared|happened)\b)[a-z]+ed\b",
    # Any "I'd <verb>" commits to an action, except verbs of opinion or wish.
    r"\bI'd (?:first |then |also |still |instead |rather |\w+ly )?"
    r"(?!say\b|think\b|love\b|like\b|guess\b|imagine\b|hope\b|be\b|probably\b|maybe\b|need\b|"
    r"try\b|expect\b|feel\b|argue that\b|assume\b|suggest\b|recommend\b|have\b)[a-z]+\b",
    r"\bmy (?:call|decision|bet|proposal|recommendation)\b",
    r"\bon me\b",  # the idiom "that's on me", as in flags._OWN_MISS: kept though loopcoach's corpus lacks it
    r"\bI owned\b",
    r"\bmy (?:own )?mistake\b",
    r"\bI was wrong\b",  # plain English, like "my mistake": kept though loopcoach's corpus lacks it
    r"\bI should have\b",
    r"\bmy fault\b",
    r"\bI (?:would|will) (?:build|start|cut|split|put|reuse|ask|set|run|keep|launch|pilot|ship|"
    r"use|test|measure|track)\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of passive_ownership; 'my role became', 'came down from above' from a red team's findings (d6c1887); dev-only phrases removed.
PASSIVE = _family(
    r"\bI was (?:asked|told|assigned|given|put on|moved to|handed)\b",
    r"\bmy task was\b",
    r"\bwas assigned\b",
    r"\b(?:asked|told|instructed) me to\b",
    r"\bas planned\b",
    r"\bas instructed\b",
    r"\bmy (?:manager|director|boss|lead|VP) "
    r"(?:asked (?:me|us) to|wanted (?:me|us) to|told (?:me|us) to|put (?:me|us) on|gave (?:me|us)|"
    r"assigned (?:me|us)|decided)\b",
    r"\bI just (?:did|followed|executed)\b",
    r"\bthe roadmap (?:had been|was) (?:defined|set|decided)\b",
    r"\bwas (?:defined|decided) "
    r"(?:by|for) (?:us|me)\b",
    r"\bI followed\b",
    r"\bwhat I was told\b",
    r"\bmy job was to\b",
    r"\bI was responsible for executing\b",
    r"\bmy (?:role|job|task) (?:became|was) (?:making sure|ensuring|executing|to (?:support|"
    r"coordinate|execute|follow|track|keep|make sure))\b",
    r"\bcame down from (?:above|leadership|management|the top)\b",
    r"\bwhat (?:leadership|management|my manager|the VP|my boss) wanted\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of blames_external ('a miss'); additions from calibration files c-e (2207624); dev-only phrases removed or generalised.
MISS = _family(
    r"\bmissed\b",
    r"\bslipped\b",
    r"\bfell short\b",
    r"\bdidn't (?:hit|reach|make|work|move)\b",
    r"\bbelow (?:target|plan|the target)\b",
    r"\bfailed\b",
    r"\bdelayed\b",
    r"\b(?:didn't|did not|never|failed to) (?:deliver|ship|land|launch)\b",
    r"\bunder(?:performed|shot)\b",
    r"\bwent wrong\b",
    r"\blate\b",
    r"\bonly (?:got|reached|hit)\b",
    r"\bwe reached\b",
    r"\btoo (?:high|low|optimistic)\b",
    r"\bthe (?:date|launch|deadline) (?:moved|slipped)\b",
    r"\bwas wrong\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of blames_external; additions from calibration files a-b (baf32d3), c-e (2207624) and a reviewer's close calls (f339537); dev-only phrases generalised against calibration files a-e.
EXTERNAL = _family(
    r"\boutside (?:of )?(?:our|my) control\b",
    r"\b(?:nothing|not much|little) (?:more )?(?:I|we|anyone|the \w+(?: team)?) could (?:do|have done)\b",
    r"\bnot (?:our|my) fault\b",
    r"\b(?:because of|due to|blame[sd]? (?:it )?on|caused by) (?:the )?(?:economy|market|pandemic|weather|competition|competitors?|algorithm|platform|other teams?|luck|holidays)\b",
    r"\bthe (?:market|economy) (?:slowed|changed|shifted|turned|was)\b",
    r"\b(?:another|other|the other|the \w+) teams?'?s? (?:decision|fault|delay|call)\b",
    r"\b(?:another|other|the other|the \w+) team (?:didn't|failed|was late|missed|changed|delivered "
    r"late)\b",
    r"\bleadership should\b",
    r"\b(?:leadership|management|the VP|a new VP|HQ) (?:changed|moved|switched|cut|pulled|reprioriti[sz]ed) (?:the |our |my |half (?:of )?(?:my|our) )?(?:priorit\w*|KPIs?|targets?|roadmap|dates?|budget|engineers|team|scope)\b",
    r"\b(?:bad|unlucky|no) luck\b",
    r"\bunlucky\b",
    r"\bthe algorithm changed\b",
    r"\bcompetitors? (?:started|launched|undercut)\b",
    r"\bif (?:the|they|only)[^.]{0,60}had\b",
    r"\bwe were (?:let down|blocked) by\b",
    r"\b(?:they|engineering|sales|the vendor|the client) (?:didn't|never|failed to)\b",
    r"\bwas (?:the|their) (?:problem|fault|responsibility)\b",
    # Its own part was fine: the miss lies elsewhere.
    r"\b(?:our|my|the) (?:product|model|campaign|plan|roadmap|feature|strategy|creative|execution|analysis)(?: itself)? was (?:(?:really|very|clearly|actually) )?(?:solid|excellent|good|fine|great|strong|sound|not the problem|executed (?:exactly )?to plan)\b",
    r"\b(?:my own team|my team|our (?:own )?(?:team|side)) (?:hit|delivered|executed|did) (?:every|all|everything)\b",
    r"\bneeds? to (?:improve|learn|be more)\b",
    r"\bthere was (?:really )?nothing\b",
    r"\b(?:was|were) never (?:realistic|achievable|possible)\b",
    r"\bimpossible to (?:deliver|hit|meet|make)\b",
    r"\bwasn't (?:much|anything) (?:I|we) could\b",
    r"\b(?:the )?(?:conditions|circumstances|odds|timing) (?:were|was) against (?:us|me)\b",
    r"\b(?:anyone|anybody|no one|nobody|no (?:PM|PMM|TPM))(?: else)?(?: in my (?:position|shoes|place))? could have\b",
    r"\bleadership changed\b",
    r"\b(?:the|our|their) (?:[\w-]+ )?(?:vendor|supplier|partner|agency|contractor)s? (?:\w+ )?(?:kept (?:missing|slipping|changing)|had (?:\w+ )?problems)\b",
    r"\bnever (?:flagged|told|warned)\b",
    r"\bby the time\b[^.]{0,60}\b(?:too late|no way|nothing)\b",
    r"\bout of (?:my|our) hands\b",
    r"\bthe (?:market|economy|platform|algorithm|competition) (?:was|were|hurt|killed)\b",
    r"\b(?:I|we) (?:can't|cannot|couldn't|could not) control\b",
    r"\b(?:nobody|no one) could have (?:predicted|known|seen|foreseen)\b",
    r"\b(?:wasn't|was not|isn't|is not) (?:really )?my (?:decision|fault|call|problem)\b",
    r"\bthe situation forced\b",
    r"\bthe problem was not (?:in|with) (?:my|our)\b",
    r"\b(?:it|that) (?:wasn't|was not) (?:really )?(?:the|my|our) (?:model|analysis|plan|code|fault)\b(?![^.]{0,80}\b(?:my|I (?:had )?(?:built|wrote|made|chose|set up))\b)",
    r"\bother teams (?:don't|didn't|never|won't) deliver\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'a lesson'; 'now I', 'I hadn't', 'the wrong priority' from loopcoach's corpora (b0a3447); the 'right now I' exclusion from a reviewer's close calls (f339537).
REFLECTION = _family(
    r"\blooking back\b",
    r"\bin hindsight\b",
    r"\bI learn(?:ed|t)\b",
    r"\blessons?\b",
    r"\bsince then\b",
    r"\bnext time\b",
    r"\bI'd do (?:it )?differently\b",
    r"\bI would have\b",
    r"\bI should have\b",
    r"(?<!right )(?<!until )(?<!by )\bnow I\b(?!'m\b| am\b| work| lead| manage| run\b| own)",
    r"\bthese days I\b",
    r"\bever since\b",
    r"\bI hadn't\b",
    r"\bthe wrong (?:priority|call|bet|metric|problem|thing)\b",
    r"\btaught me\b",
    r"\bwhat I'd change\b",
    r"\bif I did it again\b",
    r"\bI now\b",
    r"\bI still\b",
    r"\bthe mistake\b",
    r"\bmy mistake\b",
    r"\bI underestimated\b",
    r"\bI misjudged\b",
    r"\bI was wrong\b",  # plain English, like "I misjudged": kept though loopcoach's corpus lacks it
    r"\bwhat I took away\b",
    r"\bchanged how I\b",
)

# --- measurement ------------------------------------------------------------------------
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of no_metric; additions from calibration files a-b and pack exemplars (baf32d3, ca62368, 125cefd) and c-e (2207624); dev-only nouns removed or generalised.
METRIC_NOUN = _family(
    r"\bconversion",
    r"\bretention\b",
    r"\b(?:\w+ )?rate\b",
    r"\bGMV\b",
    r"\brevenue\b",
    r"\bARPU\b",
    r"\bDAU\b",
    r"\bMAU\b",
    r"\btake rate\b",
    r"\bchurn\b",
    r"\bNPS\b",
    r"\bp9[059]\b",
    r"\blatency\b",
    r"\buptime\b",
    r"\bavailability\b",
    r"\bCTR\b",
    r"\bAOV\b",
    r"\border value\b",
    r"\bshare of\b",
    r"\badoption\b",
    r"\bactivation\b",
    r"\bcomplaints?\b",
    r"\btickets?\b",
    r"\bcost per\b",
    r"\bCAC\b",
    r"\bLTV\b",
    r"\bmargin\b",
    r"\brepeat (?:purchase|order|buyer)s?\b",
    r"\bdrop-?off\b",
    r"\berrors?\b",
    r"\bsign-?ups\b",
    r"\bROI\b",
    r"\bROAS\b",
    r"\bprofit\b",
    r"\bsales\b",
    r"\borders\b",
    r"\bbookings\b",
    r"\bwithin \d+ (?:hours?|days?|minutes?|seconds?)\b",
    r"\bmedian\b",
    r"\bpercent",
    r"%",
    r"\bdefects?\b",
    r"\bincidents?\b",
    r"\bon-time\b",
    r"\bSLA\b",
    r"\bthroughput\b",
    r"\bengagement\b",
    r"\bcohort\b",
    r"\bfunnel\b",
    r"\bcancell?ations?\b",
    r"\brefunds?\b",
    r"\bdisputes?\b",
    r"\bloss(?:es)?\b",
    r"\bsavings?\b",
    r"\bspend\b",
    r"\bbudget\b",
    r"\bbaseline\b",
    r"\bfailures?\b",
    r"\bstill (?:using|active|buying|ordering|subscribed|coming back)\b",
    r"\busage\b",
    r"\bhow many\b",
    r"\bpayments\b",
    r"\bper (?:\w+ )?(?:yuan|dollar|coupon|session|visit|order|user)\b",
    r"\b(?:weekly|daily|monthly) (?:use|users|active)\b",
    r"\bthe number\b",
    r"\b(?:load|response|wait|waiting|delivery|page|resolution|handling|lead|cycle) times?\b",
    r"\bcompletions?\b",
    r"\bcompleted\b",
    r"\bregistrations?\b",
    r"\bsuccess rate\b",
    r"\bmerchants? (?:who|that)\b",
    r"\bdrop(?:ped)? out\b",
    r"\bquality score\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'success metric'; additions from calibration files a-b (baf32d3) and pack exemplars (e677a82); dev-only phrases removed or generalised.
MEASURE = _family(
    r"\bmeasure\b",
    r"\bmeasured\b",
    r"\btrack(?:ed|ing)?\b",
    r"\bwatch(?:ed)?\b",
    r"\bsuccess (?:is|would be|means|looks like|metric)\b",
    r"\btargets?\b",
    r"\bKPIs?\b",
    r"\bmetrics?\b",
    r"\bjudge (?:it|this|success) by\b",
    r"\bthe bar (?:is|was)\b",
    r"\bgoal\b",
    r"\bcounter-?metric\b",
    r"\bnorth star\b",
    r"\bI'd look at\b",
    r"\bI'd know\b",
    r"\bleading indicator\b",
    r"\bguardrail\b",
    r"\bdashboard\b",
    r"\b(?:call|count|consider|treat|judge|declare) (?:it|this|that) (?:as )?(?:working|a success|a win|successful)\b",
    r"\bagainst (?:the |a |our )?(?:target|plan|baseline)\b",
    r"\bthe number (?:I'd|we'd|I|we|to) (?:report|watch|track|look at|use)\b",
    r"\b(?:it's|it is|it) work(?:ing|ed|s) if\b",
)
_WORD_NUM = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|a hundred|half)"
)
_UNIT = (
    r"(?:%|percent\b|pp\b|percentage points?\b|points?\b|x\b|times\b|ms\b|milliseconds?\b|"
    r"seconds?\b|minutes?\b|hours?\b|days?\b|weeks?\b|months?\b|yuan\b|RMB\b|dollars?\b|k\b|"
    r"million\b|billion\b|thousand\b|per (?:cent|second|day|order|user))"
)
# A run of digits and commas (or commas and dots) as `\b\d[\d,]*` reads it, read once.
# `\b\d` matches again at every digit after a comma, and each try rescanned the rest of
# the run, so "1,1,1,..." took time quadratic in its length (200,000 digits: minutes).
# What follows the run decides the match wherever in the run it started, so the run is
# entered once, at its first digit with a word boundary before it, and never given back
# (no unit or comparison after a number starts with a digit, a comma or a dot).
_DIGITS = r"(?<![\d,])(?>(?<!\w)\d|[\d,]*?,\d)[\d,]*+"
_DIGITS_DOTS = r"(?<![\d,.])(?>(?<!\w)\d|[\d,.]*?[,.]\d)[\d,.]*+"
# A number with a unit or a comparison: the kind of number a metric or a target carries.
# Provenance: GRADING.md's 'specifics (numbers, ...)' (baf32d3, with calibration files a-b); plain-spoken amounts from calibration files c-e (2207624).
QUANTITY = _family(
    rf"\b{_WORD_NUM}\s?{_UNIT}",
    rf"{_DIGITS}(?:\.\d+)?\s?{_UNIT}",
    # The digit next to the sign: the sentences `\d[\d,.]*\s?%` finds, each digit tried once.
    r"\d[,.]*\s?%",
    r"[$¥€£]\s?\d",
    r"\bp9[059]\b",
    r"\bfrom (?:about |roughly )?\d[\d,.]*+%?\s?\w* to \d",
    r"\b(?:under|below|above|over|at least|at most|less than|more than|fewer than|within|by|to|"
    r"of|past|passes|exceeds?|around|about|roughly|nearly|only|reached|hit) \d[\d,.]*",
    rf"{_DIGITS_DOTS}(?: in | out of )\d+\b",
    r"\b\d+/\d+\b",
    r"\bhalved\b",
    r"\bdoubled\b",
    r"\btenfold\b",
    r"\bzero\b",
    r"\btripled\b",
    r"\bquadrupled\b",
    # Plain-spoken amounts: "cut tickets by about a third", "stayed under a hundred a day".
    r"\b(?:by|about|roughly|nearly|almost|under|below|more than|less than|only) "
    r"(?:a (?:third|quarter|fifth|tenth|half|hundred|thousand|dozen)|half|two thirds|"
    r"three quarters)\b",
    r"\b(?:no|zero) (?:\w+ )?(?:incidents?|outages?|oversells?|downtime|complaints?|"
    r"chargebacks?)\b",
    r"\bevery (?:one|single)\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'a measurable result'; 'down from' from scorer 1.1.0 (125cefd).
CHANGE = _family(
    r"\bwent (?:from|up|down)\b",
    r"\b(?:down|up) (?:from|to|by)\b",
    r"\bfrom [\d.,]+%? to [\d.,]+",
    r"\brose\b",
    r"\bfell\b",
    r"\bdropped\b",
    r"\bgrew\b",
    r"\bincreased\b",
    r"\bdecreased\b",
    r"\breduced\b",
    r"\blifted\b",
    r"\bcut (?:it|them|the)?\s?(?:by|to|from)\b",
    r"\bdoubled\b",
    r"\bhalved\b",
    r"\bimproved\b",
    r"\bsaved\b",
    r"\bclimbed\b",
    r"\brecovered\b",
    r"\bby the end\b",
    r"\bended (?:up|at)\b",
    r"\bwe (?:reached|hit|got to)\b",
    r"\bresult(?:ed)?\b",
    r"\boutcome\b",
)

# --- vocabulary without substance --------------------------------------------------------
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of buzzword_salad: general business jargon; dev-only terms removed.
BUZZ = _family(
    r"\bleverag(?:e|ing)\b",
    r"\bsynerg",
    r"\bempower",
    r"\bholistic",
    r"\bomni-?channel",
    r"\bfull-?funnel",
    r"\bclosed loop\b",
    r"\bflywheel",
    r"\bAI-(?:driven|first|powered)",
    r"\bdata-driven\b",
    r"\bbig data\b",
    r"\bhyper-?personali[sz]",
    r"\bbest-in-class\b",
    r"\bworld-class\b",
    r"\bcutting-edge\b",
    r"\bstate-of-the-art\b",
    r"\bparadigm",
    r"\bdisrupt",
    r"\bnext-gen",
    r"\bseamless",
    r"\bend-to-end\b",
    r"\b360\b",
    r"\bgame-?chang",
    r"\bthought leadership\b",
    r"\bvalue proposition\b",
    r"\bmindshare\b",
    r"\bgrowth hack",
    r"\bmiddle platform\b",
    r"\bdigital transformation\b",
    r"\bagile\b",
    r"\bsuper-?app\b",
    r"\bstrategic lever\b",
    r"\binnovati",
    r"\bstreamlin",
    r"\bcloud-native\b",
    r"\bMLOps\b",
    r"\bfeature store\b",
    r"\breal-time pipelines?\b",
    r"\bdeep learning\b",
    r"\bcutting edge\b",
    r"\bactionable insights?\b",
    r"\bmove the needle\b",
    r"\bunlock(?:ing)? value\b",
    r"\bstakeholder alignment\b",
    r"\bcustomer-centric",
    r"\buser-centric",
    r"\bcommunity-led\b",
    r"\bproduct-led\b",
    r"\becosystem play\b",
    r"\bintelligent\b",
    r"\bsmart\b",
    r"\brobust\b",
    r"\bscalable\b",
    r"\bgenerative AI\b",
    r"\bGenAI\b",
    r"\bblockchain\b",
    r"\bmetaverse\b",
    r"\bIoT\b",
    r"\bomni\b",
    r"\bdata lake\b",
    r"\bmicroservices?\b",
    r"\bKubernetes\b",
    r"\bbest practices?\b",
    r"\bfuture-proof",
    r"\bbrand awareness\b",
    r"\bengagement loop",
    r"\bwin-win\b",
    r"\bdeep dive\b",
    r"\bnorth star\b",
    r"\bcore competenc",
    r"\bscale up\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's 'on topic but generic' (grade 2); dev-only phrases removed or generalised against calibration files a-e.
PLATITUDE = _family(
    r"\bstay calm\b",
    r"\bvery important\b",
    r"\bmake sure\b",
    r"\bkeep (?:everyone|everybody) "
    r"(?:informed|aligned|updated|motivated)\b",
    r"\bcommunication is key\b",
    r"\btransparency\b",
    r"\bpositive attitude\b",
    r"\bwork(?:ing)? hard\b",
    r"\bthink outside the box\b",
    r"\ball the stakeholders\b",
    r"\bit depends\b",
    r"\biterate\b",
    r"\bpassionate\b",
    r"\bI (?:really )?(?:love|enjoy) (?:working|challenges|pressure)\b",
    r"\bteam player\b",
    r"\b(?:close|constant|good|open) communication\b",
    r"\bregular (?:updates|meetings|syncs)\b",
    r"\bgood relationships?\b",
    r"\b(?:do|did|doing|try|tried) (?:my|our) best\b",
    r"\bvery (?:normal|common)\b",
    r"\bbig impact\b",
    r"\bhuge (?:opportunity|potential|impact)\b",
    r"\bin (?:this|today's|big|any big|a big) (?:industry|world|compan(?:y|ies))\b",
    r"\bstrong (?:brand|narrative)\b",
    r"\bthe (?:right|best) (?:time|user|message|people)\b",
    r"\bmore than ever\b",
    r"\bexcited\b",
    r"\bemotion",
    r"\bI feel\b",
    r"\bI believe\b",
    r"\bhonestly\b",
)
# Provenance: scorer v1 (6c1a67b): general English hedges.
HEDGE = _family(
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bI guess\b",
    r"\bkind of\b",
    r"\bsort of\b",
    r"\bprobably\b",
    r"\bI think\b",
    r"\bmight\b",
    r"\bpossibly\b",
    r"\bnot sure\b",
)
# Provenance: scorer v1 (6c1a67b): general English fillers.
FILLER = _family(
    r"\bum+\b",
    r"\buh+\b",
    r"\ber+\b",
    r"\blike,",
    r"\byou know\b",
    r"\bI mean\b",
    r"\bbasically\b",
    r"\bactually\b",
    r"\bliterally\b",
    r"\bso yeah\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of non_answer ('refuses the question').
REFUSAL = _family(
    r"\bI (?:don't|do not) know\b",
    r"\bno idea\b",
    r"\bpass\b",
    r"\bskip (?:this|that)\b",
    r"\bnot (?:really )?(?:my|in my) (?:area|field)\b",
    r"\bcan't (?:answer|say|share)\b",
    r"\bprefer not to\b",
    r"\bnext question\b",
    r"\bN/?A\b",
    r"\bno comment\b",
)

# A sentence that says what the speaker would not do ("I would not reuse the standard
# playbook").
# Provenance: a reviewer's close calls (f339537, tests/scoring/close_calls.json): general English negations.
NEGATION = _family(
    r"\bnot\b",
    r"n't\b",
    r"\bnever\b",
    r"\brather than\b",
    r"\binstead of\b",
)

# "The trade-off is speed versus quality, and I'd balance both": a trade-off named, none made.
# Provenance: a red team's findings (c82f687).
BALANCE_BOTH = _family(
    r"\bbalanc(?:e|ed|ing) (?:both|the two|them|it all|everything|these)\b",
    r"\b(?:the |a )?right balance\b",
    r"\bfind (?:a|the) (?:good |right )?balance\b",
    r"\bbest of both\b",
    r"\b(?:get|have|achieve|deliver) both\b",
)
# Trade-off cues that only name a trade-off.
# Provenance: a red team's findings (c82f687): the TRADEOFF cues that only name a trade-off.
NAMING_ONLY = re.compile(r"trade-?offs?|versus|vs\.?|but|however", re.IGNORECASE)

# The dodge of a question about a setback is the relevance judgement's since scorer 2.0
# (relevance.py, relevance_cues.py).

# --- escalation and rigid plans ----------------------------------------------------------
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of escalates_first; additions from calibration files c-e (2207624), a reviewer's close calls (f339537) and a red team (d6c1887); a dev-only phrase removed.
ESCALATE = _family(
    r"\bescalat",
    r"\btake it (?:up )?to (?:our|my|the) (?:VP|GM|director|boss|leadership|CEO|"
    r"manager|head)\b",
    r"\b(?:bring|brought|took|raise|raised) (?:it|this) (?:to|with) "
    r"(?:our|my|the) (?:VP|GM|director|boss|leadership|CEO|manager|head)\b",
    r"\bask (?:him|her|them|leadership|the VP|the GM) to (?:make|decide)\b",
    r"\b(?:leadership|management|the VP|the GM) (?:should )?(?:decides?|makes? the (?:final )?call)\b",
    r"\blet (?:leadership|management|the boss) decide\b",
    r"\bgo (?:straight )?to (?:our|my|the) (?:VP|GM|director|boss|leadership|CEO)\b",
    r"\b(?:go|went|going) (?:straight )?to (?:the|our|my|their) (?:regional |department |business |division )?"
    r"(?:head|VP|GM|director|boss|CEO)s?\b(?! office)",
    r"\bcop(?:y|ied) (?:in )?(?:our|my|the|their) (?:own )?(?:VP|GM|director|boss|CEO|head)\b",
    r"\bsomeone senior (?:tells?|told|steps? in|to (?:decide|step in|intervene|push|tell|instruct))\b",
    r"\b(?:get|got|getting) someone senior involved\b",
    r"\bask (?:them|him|her) to instruct\b",
    r"(?<!want )(?<!wanted )\bleadership (?:can|will|to) (?:enforce|decide|instruct|tell)\b",
    r"\b(?:loop|looped|looping|cc|cc'd|cc'ing) in (?:\w+ ){0,2}(?:directors?|VPs?|leadership|"
    r"management|bosses|heads?|GMs?)\b",
    r"\bask(?:ed)? (?:my|our) (?:VP|director|boss|GM|head) to (?:talk|speak|call|push|reach out|"
    r"weigh in|lean on)\b",
    r"\b(?:directors?|VPs?|leadership|management) (?:can |could |to |would |will )?weigh in\b",
)
# An escalation held back as the last step after the parties have tried: not escalating
# first.
# Provenance: calibration files c-e (2207624), narrowed by a reviewer's close calls (f339537).
LAST_RESORT = _family(
    r"\blast resort\b",
    r"\bonly (?:if|after)\b(?! (?:that|this)\b)",
    r"\b(?:rather than|instead of|without|before|not|never|didn't|did not|no need to) escalat",
    r"^(?:(?!\b(?:first|straight|immediately|right away)\b)[^.])*\bif [^.]{0,80}\b(?:again|still|anyway)\b",
    r"\bif (?:that|this|it) (?:fails|doesn't work|does not work)\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's stakeholder round ('aligning the parties'); additions from calibration files c-e (2207624); dev-only phrases removed or generalised.
ALIGN = _family(
    r"\btogether\b",
    r"\bco-?own",
    r"\bagreed?\b",
    r"\balign",
    r"\basked (?:them|engineering|sales|the \w+ (?:lead|team))\b",
    r"\btheir (?:goals?|incentives?|concerns?|constraints?|side|numbers|targets?|view)\b",
    r"\bcompromise\b",
    r"\bboth (?:teams|sides|leads)\b",
    r"\bjoint(?:ly)?\b",
    r"\bshared\b",
    r"\bwhat (?:they|each side) (?:needed|wanted|cared)\b",
    r"\bone-on-one\b",
    r"\b1:1\b",
    r"\bcommon ground\b",
    r"\btrade (?:them|it)\b",
    r"\bin the same room\b",
    r"\bwalked (?:them|him|her) through\b",
    r"\bwin them over\b",
    r"\bbuy-?in\b",
    r"\bpropos(?:e|ed|ing) (?:we|a|that)\b",
    r"\b(?:sat|sit|sitting) (?:down )?with\b",
    r"\b(?:meet|met|talk(?:ed)? (?:to|with)|go and talk (?:to|with)) (?:their|the) (?:\w+ )?(?:lead|PM|manager|owner|team)\b",
    r"\bunderstand their\b",
    r"\bfind out (?:whether|why|what|exactly)\b",
    r"\boffer(?:ed)? (?:to|that|them)\b",
    r"\blent (?:them|him|her)\b",
    r"\bhelp(?:ed)? them\b",
)
# Provenance: scorer v1 (6c1a67b), from GRADING.md's definition of rigid_plan; dev-only phrases removed or generalised against calibration files a-e.
RIGID = _family(
    r"\b(?:the |our |my )?(?:roadmap|plan|scope|priorities|timeline)(?: is| are| was| were| stays?) (?:fixed|locked|set in stone|non-negotiable)\b",
    r"\bfixed (?:at|roadmap|plan|timeline|scope)\b",
    r"\bphase (?:one|two|three|1|2|3)\b",
    r"\bin Q[1-4]\b",
    r"\bby the end of the year\b",
    r"\bfull launch\b",
    r"\b(?:full )?(?:launch|roll-?out|rollout|release)(?: it)? to (?:all|every)\b",
    r"\b(?:no matter what|whatever (?:happens|it takes)|come what may|at all costs|regardless of (?:the )?(?:data|results|feedback))\b",
    r"\bstick to the plan\b",
    r"\b(?:hold|held|holding|stick to|stuck to|stand by|stood by) (?:my|our|the) (?:position|ground|plan|line)\b",
    r"\bwe will deliver\b",
    r"\b(?:a |the )?(?:plan|roadmap|timeline) (?:is|was) clear\b",
    r"\bsigned off\b",
    r"\bwaterfall\b",
    r"\bon schedule\b",
    r"\bguarantee (?:the|a) date\b",
)

# Provenance: general English vagueness (575858e, fitted on calibration files a-b and pack exemplars).
VAGUE = _family(
    r"\bshould\b",
    r"\bcould\b",
    r"\bmight\b",
    r"\bneed to\b",
    r"\bhave to\b",
    r"\btry to\b",
    r"\betc\b",
    r"\bthings like\b",
    r"\bsome kind of\b",
    r"\bsomehow\b",
    r"\bvarious\b",
    r"\ba lot of\b",
    r"\bin general\b",
    r"\boverall\b",
    r"\bthe right\b",
    r"\bbetter\b",
    r"\bimprove\b",
    r"\boptimi[sz]e\b",
    r"\benhance\b",
    r"\bensure\b",
)
# Provenance: general English capitalisation (575858e): named specifics.
PROPER = re.compile(r"(?<=[a-z0-9,;:] )(?:[A-Z][a-zA-Z0-9.'-]+|[0-9]+[A-Za-z]+)")
