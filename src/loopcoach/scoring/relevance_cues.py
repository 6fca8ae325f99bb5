"""The phrase families the relevance judgement reads, one per thing a question asks for.

Every family here is written from the grading guide's definitions (bench/GRADING.md:
a `non_answer` is off topic or refuses the question; the story rounds ask for the
candidate's own past, the case rounds for a proposal) and from the question kinds of
`asks.py`, and checked against loopcoach's own corpus (the calibration files and the pack
exemplars). None comes from a dev answer. Families are general English: a tense, a
person, a kind of event, never a domain phrase.
"""

from __future__ import annotations

from loopcoach.scoring.cuecompile import Cue

# "A, then later on the line B" (`\bA\b.*\bB\b`) tried from every A rescans the rest of the
# line each time: "I I I I ..." took time quadratic in its length (200,000 characters:
# hours). Whether some A on a line has a B after it is whether the line's first A has, so
# such a cue starts at the line's start, finds its first A and never tries a later one.
_LINE_START = r"(?<![^\n])"

# --- reading the question ----------------------------------------------------------------
# From asks.py: the wording that says a question wants the candidate's own past.
_PAST_WORK = (
    r"(?:\w+ ){0,2}(?:time|times|situation|moment|occasion|project|program|programme|migration|"
    r"launch|campaign|career|background|model|pipeline|product|feature|decision|mistake|"
    r"failure|example|result|experience|analysis|budget|metric|error|feedback|conflict|"
    r"disagreement|period|stretch|weeks|peak|review)"
)
STORY_ASK = Cue(
    (
        r"\btell me about (?:a|an|one|the|your|something|some)\b",
        rf"\b(?:describe|recall|think of|share) (?:a|an|one|the|your|some) {_PAST_WORK}\b",
        rf"\bwalk me through (?:a|an|one|the|your) {_PAST_WORK} (?:you|that you|where you|"
        r"when you|of yours)\b",
        r"\bwalk me through (?:your|the) (?:career|background)\b",
        # "What was your part in the miss?" asks about something that happened to you.
        r"\bwhat was your (?:part|role|contribution|share)\b",
        r"\bgive me (?:an|one|a) (?:example|instance|time)\b",
        r"\ba time (?:when |that )?(?:you|your)\b",
        r"\bwhat (?:in|from) your (?:past|background|experience)\b",
        # From a line's first "what is the biggest" only (see _LINE_START).
        _LINE_START
        + r"(?>.*?\bwhat is the (?:biggest|largest|hardest|worst)\b).* you (?:have|'ve)\b",
        r"\bwhat(?:'s| is) the (?:largest|biggest|hardest)\b",
        r"\bhave you (?:ever|personally)\b",
        r"\b(?:what|how|why|when|where|who) did you\b",
        r"\byou said\b",
        r"\byou (?:have|'ve) (?:shipped|owned|run|led|made|built|delivered|received)\b",
    )
)
# Weaker: these ask for the candidate's past only in a story round.
STORY_ASK_WEAK = Cue(
    (
        r"\bhow (?:did|have) you\b",
        r"\byour (?:last|previous|current) (?:role|product|job|team|company)\b",
        r"\bwhat (?:did|have) you\b",
        r"\byour (?:background|career)\b",
    )
)
# A setback: the guide's "a miss", a mistake, being wrong, hard feedback.
SETBACK_ASK = Cue(
    (
        r"\bfail",
        r"\bmistake",
        r"\bmisjudg",
        r"\bwrong\b",
        r"\berror\b",
        r"\bdisappoint",
        r"\bmiss(?:ed|es)?\b",
        r"\blate\b",
        r"\bover budget\b",
        r"\bflop",
        r"\bstung\b",
        r"\b(?:hard|harsh|critical|negative|tough) feedback\b",
        _LINE_START + r"(?>.*?\bfeedback\b).*\b(?:stung|hurt|hard)\b",
        r"\bwent (?:badly|wrong)\b",
        r"\bregret",
        r"\bsetback",
        r"\bweakness",
        r"\bhurt\b",
        r"\bmisled\b",
        r"\bdidn't (?:go|work)\b",
        r"\bunderperform",
        r"\bkill(?:ed)?\b",
    )
)
# A disagreement: someone else held another view, or had to be moved.
CONFLICT_ASK = Cue(
    (
        r"\bdisagree",
        r"\bchalleng(?:ed|es)\b",
        r"\bpush(?:ed)? back\b",
        r"\bconflict",
        r"\bsaid no\b",
        r"\bsay no\b",
        r"\bpersuad",
        r"\bconvinc",
        r"\bdebate\b",
        r"\bargu",
        r"\bobject(?:ed|ion)",
        r"\bdidn't want to hear\b",
        r"\b(?:get|got) (?:another|other|a) team to\b",
        r"\bchanged your mind\b",
    )
)
MOTIVATION_ASK = Cue(
    (
        r"\bwhy (?:do|would) you want\b",
        r"\bwhy (?:are you|you're) (?:applying|interested|leaving|looking)\b",
        r"\bwhat (?:draws|attracts|excites|motivates) you\b",
        r"\bwhy (?:this|our|the) (?:role|company|team|job|track|business unit)\b",
        r"^\W*why (?:\w+ ){0,3}(?:at|here|now|us|this)\b",
        r"^\W*why (?:pm|pmm|tpm|ds|product|program|data|alibaba|us)\b",
        r"\bwhy (?:is|would) (?:\w+ ){0,4}the next step\b",
        r"\bwhat keeps you going\b",
        r"\bwhat makes you (?:sure|think) you (?:want|would)\b",
        r"\bwould you most (?:like|want)\b",
        r"\bhow do you feel about\b",
        # "Why" opening a sentence: `(?:^|[.?!]\s+)\W*why`, tried once for each run of
        # non-word characters (from its start) rather than from every stop in it, which
        # rescanned the run each time (". . . . " took time quadratic in its length).
        r"(?:^|(?<!\W)(?>\W*?[.?!]\s))\W*+why (?!did\b|does\b|is\b|was\b|were\b|has\b|have\b|"
        r"are\b|might\b|would\b|could\b|should\b|can\b|will\b|do (?!you want))\w+",
        r"\bwhat makes you want\b",
        r"\bwhy do you want to work\b",
    )
)
DIAGNOSIS_ASK = Cue(
    (
        r"\bfind out why\b",
        r"\bwork out why\b",
        r"\bdiagnos",
        r"\bwhy (?:did|is|has|are|have|was|were)\b(?! you\b)",
        r"\broot cause",
        r"\binvestigat",
        r"\bwhat went wrong\b",
        r"\bwhat goes wrong\b",
        r"\bexplain how that happens\b",
        r"\bwhy (?:might|would|could) (?:that|this|it|they|these)\b",
        r"\bwhat (?:might|could) (?:explain|cause|be behind)\b",
        r"\bwhere would you look\b",
        r"\bhow (?:do|would) you (?:find|figure|debug|trace)\b",
    )
)
DECISION_ASK = Cue(
    (
        r"\bshould (?:it|we|they|you|merchants|the)\b",
        r"\bdo you ship\b",
        r"\bwould you ship\b",
        r"\bmake the call\b",
        r"\bhow (?:do|would) you (?:decide|choose|prioriti[sz]e)\b",
        r"\b(?:is it|was it) (?:worth|right)\b",
        r"\bwhich (?:would|do) you (?:choose|pick|prioriti[sz]e)\b",
        r"\bwould you (?:\w+ ){1,6}or (?:\w+ ){0,4}\w+\?",
    )
)
DESIGN_ASK = Cue(
    (
        r"\bdesign\b",
        r"\barchitect",
        r"\bwhat would you build\b",
        r"\bbuild (?:a|an|the|something)\b",
        r"\bpropose\b",
        r"\bpipeline\b",
        r"\bimprove\b",
        r"\bpitch me\b",
        r"\bhow (?:do|would|will) you (?:avoid|prevent|correct|fix|detect|forecast|recommend|"
        r"model|compute|estimate|measure|test|combine|keep|stop|guarantee|make sure|serve|"
        r"rank|handle|price|split|structure|protect|reduce|cut|get)\b",
        r"\bwhich (?:technical )?decisions?\b",
        r"\bwhat (?:do|would) you (?:propose|recommend)\b",
    )
)
PLAN_ASK = Cue(
    (
        r"\bgo-to-market\b",
        r"\bcampaign\b",
        r"\blaunch\b",
        r"\bwhat (?:do|would|will) you (?:do|say|change|tell)\b",
        r"\bhow do you (?:get|bring|align|handle|persuade|respond|react|run|drive|re-time|"
        r"reshape|set up|staff|keep|win)\b",
        r"\bwalk me through the next\b",
        r"\bfirst (?:thirty|30|ninety|90) days\b",
        r"\bplan\b",
        r"\bposition\b",
        r"\broll(?:ed)? out\b",
        r"\bwho do you target\b",
    )
)
EXPLAIN_ASK = Cue(
    (
        r"\bexplain\b",
        r"\bdefine\b",
        r"\bwhat (?:is|separates|'s) the difference\b",
        r"\bwhat separates\b",
        r"\bhow do you see the split\b",
        r"\bwhat do you think a\b",
        r"\bin one sentence\b",
    )
)

# --- reading the answer ------------------------------------------------------------------
# The candidate's own past: a first person and a past verb, or a dated setting.
OWN_PAST = Cue(
    (
        r"\b(?:at|in) my (?:last|previous|first|old|former|current) (?:job|role|company|team|"
        r"employer|startup)\b",
        r"\bwhen I was\b",
        r"\b(?:told|gave|showed|asked|taught|sent|called|offered|pulled|put) me\b",
        r"\bI(?:'d| had) been\b",
        # A first person, then a past verb later on the line: read from the line's first
        # "I", "we", "my" or "our" only (see _LINE_START).
        _LINE_START
        + r"(?>.*?\b(?:I|we|my|our)\b).*\b(?:was|were|had|did|led|ran|built|took|made|got|went|"
        r"saw|kept|told|wrote|became|knew|thought|came|brought|left|gave|lost|grew|began|found|"
        r"won|sat|spent|chose|shipped|owned|launched|decided|started|worked|joined|asked|"
        r"realised|realized|learned|noticed|missed|moved|called|tried|agreed|pushed|"
        r"presented|showed|proposed|changed|pulled|rolled|delivered|managed|hired)\b",
        r"\b(?:I|we) (?:\w+ly )?\w{3,}ed\b",
        r"\b(?:last|that|one) (?:year|quarter|spring|summer|autumn|fall|winter|week|month)\b",
        r"\bin (?:19|20)\d\d\b",
        r"\bonce\b",
    )
)
# A narrated past, stricter than OWN_PAST: the first person with a past verb of its own.
NARRATIVE = Cue(
    (
        r"\b(?:I|we) (?:(?:\w+ly|also|then|later|first|just|even|only|soon|still) )?(?:was|were|"
        r"had|did|led|ran|built|shipped|launched|owned|"
        r"decided|chose|found|noticed|started|worked|spent|made|took|got|went|saw|set|put|"
        r"moved|kept|cut|told|asked|wrote|called|became|learned|realised|realized|knew|"
        r"thought|joined|used|tried|agreed|came|brought|left|gave|lost|missed|hit|grew|let|sold|"
        r"paid|bought|drove|held|met|sent|taught|caught|understood|split|spread|shut|sat|fell|"
        r"felt|rose|won|wrote|began|ate|fed|read|won|spoke|broke|chose|froze|hid|lent|meant|"
        r"sought|struck|swept|threw|wore|woke)\b",
        r"\b(?:at|in) my (?:last|previous|first|old|former) (?:job|role|company|team|"
        r"employer|startup)\b",
        r"\bwhen (?:I|we) (?:was|were|did|had|ran|led)\b",
        r"\b(?:last|that) (?:year|quarter)\b",
        # A regular past verb of the first person's own ("we trained", "I also added"):
        # a past project told in plain verbs is as much a narrative as one told in "built".
        r"\b(?:I|we) (?:(?:\w+ly|also|then|later|first|just|even|only|soon|still) )?"
        r"\w{3,}ed\b",
    )
)
# The rest of a told story, which has no narrating "I" of its own: what the numbers did
# after it ("time to first commit fell from 19 days to 8") and the hindsight on it
# ("Looking back, I should have..."). A case's answer puts its outcomes in "would".
AFTERMATH = Cue(
    (
        r"\b(?:fell|rose|grew|dropped|doubled|halved|tripled|jumped|climbed|shrank|improved|"
        r"increased|decreased|declined|went (?:up|down)) (?:from|by|to)\b",
        r"\b(?:looking back|in hindsight|with hindsight)\b",
        r"\bI (?:should|would|could) have\b",
    )
)
# A proposal that only carries a past project over ("I'd reuse that structure", "the same
# approach would work here"): the guide's past-project answer to a case, with the case's
# own answer left to the interviewer to work out. It is not a proposal for this case.
CARRY_OVER = Cue(
    (
        r"\b(?:reuse|re-use|repeat|copy|replicate|port|transplant|carry over|bring over) "
        r"(?:that|this|the same|it|what (?:we|I) (?:did|built|had)|(?:that|this|the) "
        r"(?:same )?(?:structure|playbook|approach|model|design|setup|mechanic|idea|recipe|"
        r"pipeline|system|slice|trick))\b",
        r"\bthe same (?:approach|structure|playbook|model|design|setup|mechanic|idea|recipe|"
        r"pipeline|system|thing|method|logic|trick)\b",
        r"\b(?:do|did) (?:the same|exactly that|much the same)\b",
        r"\b(?:would|could|should) work (?:here|for (?:you|this|them|it)|just as well)\b",
    )
)
# Something went wrong: the guide's "a miss", in the words of any story.
SETBACK = Cue(
    (
        r"\bmiss(?:ed|ing)? (?:the|our|my|its|a|it|that|two|three|by|target|deadline|date)\b",
        r"\bmissed\b",
        r"\bfail(?:ed|ure|ing)?\b",
        r"\bmistakes?\b",
        r"\bwrong\b",
        r"\berrors?\b",
        r"\bslipp(?:ed|ing)\b",
        r"\blate\b",
        r"\bdelay(?:ed|s)?\b",
        r"\bover (?:budget|time)\b",
        # Direction words ("dropped", "fell by") are left out: a crash rate that dropped
        # is a success. Only what is bad in itself counts.
        r"\bfell (?:short|flat|apart|behind)\b",
        r"\blost\b",
        r"\bdidn't (?:work|land|hit|reach|move|deliver|happen|go|pay off|catch|see|check|"
        r"ask|test|listen|notice|plan)\b",
        r"\b(?:did not|never) (?:work|land|hit|reach|move|deliver|catch|check|ask|test)\b",
        r"\bbackfired\b",
        r"\bflopped\b",
        r"\bunder(?:performed|estimated|delivered|shot)\b",
        r"\bmisjudg\w*\b",
        r"\bmisread\b",
        r"\bcomplain(?:ed|ts?)\b",
        r"\bbroke\b",
        r"\boutage\b",
        r"\bincident\b",
        r"\bregret\b",
        r"\bshould have\b",
        r"\bshouldn't have\b",
        r"\bstung\b",
        r"\bcriticis|criticiz",
        r"\bharsh\b",
        r"\bblunt\b",
        r"\bembarrass",
        r"\bhurt\b",
        r"\bworse\b",
        r"\bproblem was (?:me|mine|my)\b",
        r"\bmy (?:fault|part|call|bet|assumption)\b",
        r"\bI was wrong\b",
        r"\bI (?:got|had) it wrong\b",
        r"\bkilled\b",
        r"\bshelved\b",
        r"\brolled (?:it )?back\b",
        r"\bwasted\b",
        r"\bnot (?:good|well|enough)\b",
        r"\bonly (?:a|about|half|\d)",
        r"\bhalf (?:of )?what\b",
        r"\bturned out\b",
        r"\bI (?:had )?assumed\b",
        r"\bI was (?:sure|convinced|certain|confident)\b",
        r"\b(?:almost |virtually )?(?:nobody|no one|none of)\b",
        r"\bpointed out\b",
        r"\bI realised\b|\bI realized\b",
        r"\btook (?:\w+ )?(?:longer|twice|more than)\b",
        r"\b(?:took|cost) (?:us )?(?:\w+|\d+) (?:weeks|months)\b",
        r"\bwe got (?:to )?(?:only |just |about )?\d",
        r"\b(?:too|very) (?:slow|late|expensive|early)\b",
    )
)
# Someone else took another position, or had to be brought round.
CONFLICT = Cue(
    (
        r"\bdisagree",
        r"\bpush(?:ed)? back\b",
        r"\bobject(?:ed|ion)",
        r"\bchalleng(?:ed|ing) (?:me|my|our|the)\b",
        r"\bargu(?:ed|ing|ment)\b",
        r"\brefus(?:ed|al)\b",
        r"\bresist(?:ed|ance)\b",
        r"\bopposed\b",
        r"\bconflict",
        r"\btension\b",
        r"\bdebate",
        r"\b(?:didn't|did not|wouldn't|would not) (?:agree|accept|want|buy|budge|sign)\b",
        r"\bconcerns?\b",
        r"\bsceptic|skeptic",
        r"\bconvinc",
        r"\bpersuad",
        r"\bchanged (?:my|their|his|her) mind\b",
        r"\b(?:he|she|they) (?:wanted|insisted|thought|said|argued)\b",
        r"\binsist",
        r"\b(?:felt|believed|worried|feared|doubted|questioned) (?:that |whether )?"
        r"(?:the|our|my|it|this|we|I)\b",
        r"\bwas against\b",
        r"\bno to\b",
        r"\bsaid no\b",
        r"\bfantasy\b",
        r"\bunrealistic\b",
        r"\bblocked?\b",
    )
)
# The candidate's own reasons for wanting the role.
MOTIVE = Cue(
    (
        r"\bI (?:\w+ )?(?:want|wanted|would like|'d like|love|loved|enjoy|enjoyed|care|like|"
        r"prefer|am drawn|'m drawn|am excited|'m excited|am looking|'m looking|am ready|"
        r"'m ready|hope|chose|choose)\b",
        r"\b(?:draws|drew|attracts|attracted|excites|excited|motivates|motivated) me\b",
        r"\bfor me\b",
        r"\bwhat I (?:want|like|love|enjoy|care about|'m good at|am good at)\b",
        r"\bmy (?:background|experience|career|strengths?|reason|goal|passion|next step)\b",
        r"\bthe reason I\b",
        r"\bwhy I\b",
        r"\bI'm (?:at my best|good at|happiest)\b",
        r"\bI am (?:at my best|good at|happiest)\b",
    )
)
# A question put back to the interviewer, or the scope fixed before an answer.
CLARIFY = Cue(
    (
        r"\?\s*$",
        r"^\W*(?:first,? )?I'd (?:want to |like to |need to )?(?:ask|clarify|confirm|check "
        r"(?:with you|whether|what|if)|understand|know)\b",
        r"^\W*(?:before (?:I|we) (?:answer|start|go|dive|jump)|to start,? I'd ask)\b",
        r"\bI(?:'d| would) need to know\b",
        r"\b(?:can|could) you (?:tell|clarify|confirm|share)\b",
        r"\bit depends on\b",
    )
)
# A proposal: what the candidate would build, do or decide now.
PROPOSE = Cue(
    (
        r"\bI(?:'d| would| will|'ll) (?!(?:want to |like to |need to )?(?:ask|clarify|know|"
        r"understand|confirm)\b)\w+",
        r"\bwe(?:'d| would| will|'ll| should| can| could) (?!(?:need to )?(?:ask|know|clarify)\b)"
        r"\w+",
        r"\bmy (?:recommendation|answer|call|plan|proposal|approach|design|first step)\b",
        r"\bI (?:recommend|propose|suggest)\b",
        r"^\W*(?:first|second|third|then|next|finally|start|build|use|put|keep|add|run|ship|"
        r"cache|store|split|shard|queue|route|segment|target|launch|measure|track|test)\b",
        r"\bthe (?:plan|design|answer|approach|system|flow|model) (?:is|would be|will be)\b",
    )
)
# Diagnostic moves: causes held as hypotheses and checked.
DIAGNOSE = Cue(
    (
        r"\bhypothes",
        r"\b(?:root )?causes?\b",
        r"\bwhy\b",
        r"\bcheck (?:whether|if|the|that)\b",
        r"\brule (?:out|it out)\b",
        r"\b(?:break|broke|split|slice|cut|segment)(?:ing)? (?:it |the \w+ |this )?"
        r"(?:down |up )?by\b",
        r"\bcohort",
        r"\bfunnel\b",
        r"\bcompare\b",
        r"\b(?:is|was) it\b",
        r"\bwhether\b",
        r"\blook (?:at|for)\b",
        r"\bdata (?:shows?|says?|tells?)\b",
        r"\binstrument",
        r"\blogging\b",
        r"\bdrill",
        r"\bcorrelat",
        r"\bexplain(?:s|ed)? the (?:drop|fall|rise|change|gap)\b",
        r"\bcoincid",
    )
)
# People and parties: a stakeholder answer works through them.
PARTIES = Cue(
    (
        r"\b(?:the|their|our|my|each|both|every) (?:\w+ )?(?:team|teams|lead|leads|manager|"
        r"managers|owner|owners|director|directors|partner|partners|stakeholders?|engineers?|"
        r"agency|architect|counterparts?|colleagues?|PM|PMs|VP|legal|finance|sales|ops|"
        r"operations|security|side)\b",
        r"\b(?:meet|met|talk|talked|call|called|sit down|sat down|align|aligned|agree|agreed|"
        r"negotiat\w*|persuad\w*|convinc\w*|listen\w*|ask(?:ed)? (?:them|him|her))\b",
        r"\b(?:him|her|them|they)\b",
        r"\b(?:sales|engineering|legal|finance|leadership|stakeholders?|partners?|teams?|"
        r"managers?|directors?|VPs?|agency|counterparts?|colleagues?|everyone|owners?)\b",
    )
)
# The answer turns down the premise of the question instead of answering it.
REFUSE_PREMISE = Cue(
    (
        r"\bI (?:haven't|have not|never) (?:really |actually |personally )?(?:had|been|faced|"
        r"experienced|run into|come across)\b",
        r"\bI (?:haven't|have not) (?:really |actually |personally |ever |truly )?\w+ed\b",
        r"\bnot sure I (?:can|could) (?:think of|recall|name|point to)\b",
        r"\bI (?:don't|do not) think I(?:'ve| have) (?:ever |really |actually )?"
        r"(?:had|made|been)\b",
        r"\bI(?:'ve| have) (?:honestly |really |always |generally )?been (?:fortunate|lucky)\b",
        r"\bI (?:don't|do not|rarely|never) (?:really )?(?:push back|say no|pushback|clash)\b",
        r"\bI (?:can't|cannot|don't) (?:really )?(?:think of|recall|remember)\b",
        r"\bI (?:don't|do not) (?:really |usually |generally |tend to )?(?:have|get) (?:a|an|any|"
        r"many|much|one)\b",
        r"\bnothing (?:really |big |major |specific )?comes to mind\b",
        r"\bI (?:generally |usually |always )?trust (?:my|the) (?:leaders|leadership|manager|"
        r"managers|team|boss)\b",
        r"\bI (?:don't|do not|rarely|never) (?:really )?(?:disagree|argue|fail|make mistakes)\b",
        r"\bnot (?:really )?something (?:I've|I have|that's) (?:had|experienced|happened)\b",
        # At the sentence's start only: "coupons for transactions that wouldn't happen
        # anyway" is a relative clause, not the premise turned down.
        r"^\W*(?:(?:honestly|frankly|well|I think|I'd say|to be honest),? )?(?:that|this|it) "
        r"(?:wouldn't|would not|doesn't|does not|shouldn't|never) (?:really )?happens?\b",
        r"\bI(?:'d| would) rather not\b",
        r"\bI'm not sure (?:that|this) (?:would|could|applies|happens)\b",
        # The question handed to another role ("that's engineering's call, not mine"): the
        # guide's "refuses the question", in the form it takes in a case round.
        r"\b(?:it's|it is|that's|that is|this is|isn't|is not) (?:not |n't )?(?:really |"
        r"actually |strictly )?(?:my|the PM's|a PM's|the TPM's|a TPM's|a PMM's|the PMM's) "
        r"(?:role|job|call|place|decision|area|remit|responsibility)\b",
        r"\b(?:isn't|is not|wasn't|was not|not) (?:really )?(?:my|our) (?:role|job|call|place|"
        r"decision|area|remit|responsibility)\b",
        r"\b(?:that's|that is|it's|it is) (?:really )?(?:for|up to|the job of|the call of) "
        r"(?:the )?(?:engineers|engineering|architects?|tech leads?|the tech lead|data team|"
        r"scientists|developers|leadership|my manager|legal)\b",
        # Confidentiality in place of the story ("covered by an NDA, so I can't go into it").
        r"\b(?:under|covered by|bound by|because of) (?:an? |my |our |the )?(?:NDA|"
        r"non-disclosure|confidentiality)\b",
        r"\b(?:is|are|was|were) (?:all |strictly )?(?:confidential|under NDA)\b",
        r"\bI (?:can't|cannot|couldn't|am not able to|'m not able to|'m not allowed to|am not "
        r"allowed to) (?:really )?(?:go into|share|talk about|discuss|disclose|reveal) (?:the |"
        r"any )?(?:details|specifics|much|it|that|them|those|the project|names|numbers)\b",
    )
)
# Where a refusal is taken back: "I haven't had exactly that, but the closest was...".
BUT_CLOSEST = Cue(
    (
        r"\b(?:but|though|although) (?:the )?(?:closest|nearest|one time|a time|there was|I did|"
        r"once)\b",
        r"\bthe closest (?:I've|I have|was|thing)\b",
    )
)
# An opening that puts another story in place of the one asked for: the guide's "refuses
# the question", in the form it takes in a story round.
SUBSTITUTE = Cue(
    (
        r"\b(?:rather than|instead of) (?:a |an |the |that |my )?(?:mistake|failure|setback|"
        r"miss|conflict|disagreement|talk|dwell|focus)",
        r"\blet me (?:tell you|talk) about\b",
        r"\bI'd (?:rather|prefer to) (?:talk|tell|focus)\b",
        r"\bwhat I'm (?:most )?proud(?:est)? of\b",
        r"\bI'm (?:most )?proud(?:est)? of\b",
        r"\b(?:the|my) (?:\w+ )?(?:\w+ )?I'm (?:most )?proud(?:est)? of\b",
        r"\b(?:my|the) (?:most successful|proudest|biggest win)\b",
        r"\b(?:a|my) (?:better|favourite|favorite) example\b",
        r"\bwhich is a good example of\b",
        # A superlative of another kind ("The toughest campaign I ran was...") in place of
        # the miss that was asked for; it counts only when the sentence names no miss.
        r"^\W*(?:the|my) (?:\w+est|most \w+|biggest|hardest|largest) (?:\w+ ){0,3}(?:I|we)\b",
        r"^\W*(?:the|my) (?:\w+ ){0,2}that (?:stands out|comes to mind)\b",
    )
)
# The humble-brag: a virtue offered as the failure (moved here from lexicon.DODGE_OPENING,
# where the 1.5.0 reviewer's close calls put it).
HUMBLE_BRAG = Cue(
    (
        r"\b(?:care|cared|caring) too much about (?:quality|details?|the details|"
        r"getting (?:it|things) "
        r"right|my (?:work|team)|the (?:team|customers?|users?|product|craft))\b",
        r"\b(?:work|worked|working) too hard\b",
        r"\bperfectionis",
        r"\btoo (?:detail-oriented|passionate|dedicated|committed|hard on myself)\b",
        r"\b(?:my (?:biggest |greatest |main )?strengths? (?:is|are|was))\b",
    )
)
# A success told as the centre of the story.
SUCCESS = Cue(
    (
        r"\bproud",
        r"\bsuccess",
        r"\bexceed(?:ed)?\b",
        r"\bbeat (?:the|our|its)\b",
        r"\brecord\b",
        r"\bwon\b",
        r"\baward",
        r"\bpromoted\b",
        r"\bbest\b",
        r"\bhighlight\b",
        r"\bthrilled\b",
        r"\bdelighted\b",
        # A good outcome told as the story's end: the shape of a success story.
        r"\b(?:on|ahead of) (?:time|schedule|plan)\b",
        r"\bcame (?:down|in) (?:from|under|ahead|at)\b",
        r"\b(?:cut|reduced|lifted|raised|improved|grew|doubled|increased|boosted) (?:\w+ ){0,4}"
        r"(?:by|from) \d",
        r"\bwent (?:live|out) (?:on|without)\b",
        r"\bbecame (?:the|a) (?:template|model|standard)\b",
    )
)
# "Rather than a mistake": the miss named only to be set aside.
DISMISS = Cue(
    (
        r"\b(?:rather than|instead of) (?:a |an |the |that |my )?(?:mistake|failure|setback|"
        r"miss|conflict|disagreement|talk|dwell|focus)",
        r"\bI'd (?:rather|prefer)\b",
    )
)
