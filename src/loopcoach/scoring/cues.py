"""The cues of each round's criteria (bench/GRADING.md, 'Dimensions by round')."""

from __future__ import annotations

import re

from loopcoach.scoring import lexicon as lx


_f = lx._family


SCALE = _f(
    r"\bpeak", r"\bload\b", r"\btraffic\b", r"\bQPS\b", r"\bTPS\b", r"\bper second\b",
    r"\bconcurren", r"\bspikes?\b", r"\bsurge", r"\bthroughput\b", r"\bcapacity\b",
    r"\bmillions?\b", r"\bbillions?\b", r"\bat once\b", r"\bshard", r"\bpartition", r"\bcach",
    r"\bqueue", r"\bbatch", r"\bhorizontal", r"\bscale[sd]? (?:out|up)\b", r"\bhot (?:key|SKU|spot|item)",
    r"\brate[- ]limit", r"\bbackpressure\b", r"\bload[- ]test", r"\bstress[- ]test", r"\bdegrad",
    r"\bDouble 11\b", r"\b11\.11\b", r"\b618\b", r"\bprecompute", r"\bdebounce", r"\bread path\b",
    r"\bfan-?out\b", r"\breplica", r"\bCDN\b", r"\bregion", r"\bdata cent(?:re|er)s?\b",
    r"\bvolume", r"\bat scale\b", r"\bbottleneck", r"\bheadroom\b", r"\bthrottl", r"\bserver",
)
FAILURE = _f(
    r"\bfail", r"\bbreaks?\b", r"\bretr(?:y|ies)\b", r"\bidempoten", r"\bduplicat", r"\bfallback",
    r"\bgraceful", r"\brollback\b", r"\broll back\b", r"\boutage", r"\btimeouts?\b",
    r"\bexactly[- ]once\b", r"\bat[- ]least[- ]once\b", r"\bcircuit breaker", r"\bconsisten",
    r"\bstale\b", r"\brace\b", r"\bpay twice\b", r"\bfraud", r"\babuse", r"\bwhat can go wrong\b",
    r"\bwhere it breaks\b", r"\bworr(?:y|ies)\b", r"\bedge case", r"\bfat-finger", r"\bcap\b",
    r"\breconcil", r"\bdisaster\b", r"\bdown(?:time)?\b", r"\brisk", r"\bmonitor", r"\balert",
)
INTEGRATION = _f(
    r"\breus", r"\bexisting\b", r"\balready (?:has|have|stores?|runs?|exists?|built|uses?|there)\b",
    r"\bplatform\b", r"\bservices?\b", r"\bAPIs?\b", r"\bdata layers?\b", r"\bmiddle[- ]office\b",
    r"\bintegrat", r"\bplug (?:in|into)\b", r"\bupstream\b", r"\bdownstream\b", r"\bledger\b",
    r"\bevents?\b", r"\bmessage queue\b", r"\bschema\b", r"\bsnapshot\b", r"\blegacy\b",
    r"\bAlipay\b", r"\bCainiao\b", r"\bTaobao\b", r"\bTmall\b", r"\bDingTalk\b", r"\bAliyun\b",
    r"\bAlibaba Cloud\b", r"\bpromotion (?:engine|center|centre)\b", r"\border (?:service|system)\b",
    r"\bpayment", r"\bdatabase\b", r"\btables?\b", r"\bindex\b", r"\bSDK\b", r"\bpipeline",
)
TECH_METRIC = _f(
    r"\bp9[059]\b", r"\blatency\b", r"\buptime\b", r"\bavailability\b", r"\berror rate\b",
    r"\bwithin \d+", r"\bms\b", r"\bmilliseconds?\b", r"\bsuccess rate\b", r"\bSLA\b", r"\bSLO\b",
    r"\bunder [\d.]+%", r"\bwrong \w+ under\b",
)
USER = _f(
    r"\busers?\b", r"\bbuyers?\b", r"\bcustomers?\b", r"\bsellers?\b", r"\bmerchants?\b",
    r"\bparents?\b", r"\brenters?\b", r"\bshoppers?\b", r"\bdrivers?\b", r"\bcouriers?\b",
    r"\bpains?\b", r"\bproblem\b", r"\bstruggl", r"\bneeds?\b", r"\bfears?\b", r"\bfriction\b",
    r"\bjob to be done\b", r"\btoday they\b", r"\bworr", r"\bhassle\b", r"\bannoying\b",
    r"\bchurn", r"\bcomplain", r"\bgives? up\b", r"\bwhy they\b", r"\binterview",
)
SOLUTION = _f(
    r"\bI'd (?:build|let|add|launch|make|create|design|ship|offer|put|give)\b",
    r"\bwe (?:build|add|let|launch|offer|ship)\b", r"\bfeature\b", r"\bflow\b", r"\blet (?:the|users?|buyers?|sellers?|them)\b",
    r"\bso (?:they|the \w+) can\b", r"\bone[- ]tap\b", r"\bbutton\b", r"\bpage\b", r"\bscreen\b",
    r"\bbadge\b", r"\bguarantee\b", r"\bremind", r"\bnotification", r"\bdefault\b", r"\bMVP\b",
    r"\bversion\b", r"\bprototype\b", r"\bproduct\b", r"\btool\b",
)
ECOSYSTEM = _f(
    r"\bAlipay\b", r"\bCainiao\b", r"\bTaobao\b", r"\bTmall\b", r"\bDingTalk\b", r"\bEle\.me\b",
    r"\bHema\b", r"\bLazada\b", r"\bAliExpress\b", r"\bAlibaba Cloud\b", r"\bAliyun\b",
    r"\bplatform\b", r"\becosystem\b", r"\bexisting\b", r"\breus", r"\balready\b",
    r"\bintegrat", r"\bpartners?\b", r"\bdata we (?:already )?have\b", r"\bcross-", r"\bAnt\b",
    r"\bmini-?programs?\b", r"\bservices?\b",
)
SEGMENT = _f(
    r"\bsegments?\b", r"\btier[- ]?\d", r"\b(?:lower|upper|first|second|third)[- ]tier\b",
    r"\bcounty\b", r"\bcities\b", r"\bhouseholds?\b", r"\bstudents?\b", r"\bparents?\b",
    r"\bSMBs?\b", r"\bdevelopers?\b", r"\bagenc(?:y|ies)\b", r"\bpersonas?\b", r"\bcohorts?\b",
    r"\baudiences?\b", r"\bgen ?z\b", r"\bmothers?\b", r"\bolder\b", r"\byoung\b", r"\bfamil",
    r"\bsmall (?:businesses|shops|sellers)\b", r"\benterprises?\b", r"\bstartups?\b",
    r"\bbuyers? who\b", r"\bpeople who\b", r"\bthose who\b", r"\bin their \d0s\b",
)
CHANNEL = _f(
    r"\bchannels?\b", r"\bTaobao Live\b", r"\blive-?stream", r"\bDouyin\b", r"\bWeChat\b",
    r"\bXiaohongshu\b", r"\bRED\b", r"\bKOLs?\b", r"\bKOCs?\b", r"\binfluencers?\b",
    r"\bsearch ads?\b", r"\bpush\b", r"\bSMS\b", r"\bdealers?\b", r"\bstores?\b", r"\boffline\b",
    r"\bcommunit(?:y|ies)\b", r"\bgroups?\b", r"\bmini-?program", r"\bhackathons?\b",
    r"\bintegrators?\b", r"\bpartners?\b", r"\bWhatsApp\b", r"\bZalo\b", r"\bLINE\b",
    r"\bTikTok\b", r"\bShopee\b", r"\bfeed\b", r"\bhome ?page\b", r"\bemail\b", r"\bsocial media\b",
    r"\bwebinars?\b", r"\bsales team\b", r"\bresellers?\b", r"\breferr", r"\bword of mouth\b",
)
# Channels any campaign anywhere would list: a sign of a plan with nothing local in it.
GENERIC_CHANNEL = _f(
    r"\bsocial media\b", r"\binfluencers?\b", r"\bsearch ads?\b", r"\bdisplay ads?\b", r"\bemail",
    r"\bPR\b", r"\bpush notifications?\b", r"\bretarget", r"\bhero video\b", r"\bwebinars?\b",
    r"\bwhitepapers?\b", r"\bblog posts?\b", r"\bnewsletter", r"\bcontent marketing\b", r"\bSEO\b",
    r"\bpaid (?:media|social|search)\b", r"\bbrand awareness\b", r"\bmulti-?channel\b", r"\bintegrated campaign\b",
)
LOCAL = _f(
    r"\blocal", r"\bdialect", r"\blanguages?\b", r"\bBahasa\b", r"\bVietnam", r"\bThai",
    r"\bIndonesia", r"\bMalaysia", r"\bPhilippin", r"\bculture\b", r"\bcultural\b", r"\bfestival",
    r"\bChinese New Year\b", r"\bSpring Festival\b", r"\bLunar New Year\b", r"\bhometown",
    r"\bcustoms?\b", r"\bregion", r"\bprovinc", r"\bsubsid", r"\bcash on delivery\b", r"\bCOD\b",
    r"\bRamadan\b", r"\bcounty towns?\b", r"\bin (?:China|Korea|Japan|Brazil|Spain|Europe)\b",
    r"\bHangzhou\b", r"\bShenzhen\b", r"\bShanghai\b", r"\bBeijing\b", r"\bJakarta\b", r"\bHo Chi Minh\b",
    r"\bBangkok\b", r"\bManila\b", r"\bSingapore\b", r"\bprices? in\b", r"\bpayment methods?\b",
    r"\bhalal\b", r"\bwarm(?:er)? tone\b", r"\btrust (?:a|local|someone)\b",
)
TIMING = _f(
    r"\bbefore (?:618|Double 11|11\.11|the festival|launch|Chinese New Year|Spring Festival)\b",
    r"\bweeks? before\b", r"\bdays? before\b", r"\btiming\b", r"\bwindow\b", r"\bseason",
    r"\bsequenc", r"\bfirst[^.]{0,60}\bthen\b", r"\bweek \d\b", r"\bmonth \d\b", r"\bday \d+\b",
    r"\bwhen (?:families|people|buyers) (?:are|go|come)\b", r"\bpre-?sale\b", r"\bwarm-?up\b",
    r"\bafter (?:launch|the festival|618|Double 11)\b", r"\bearly\b", r"\blate[r]?\b",
    r"\bin (?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
    r"\bon the evening\b", r"\bat midnight\b", r"\bramp", r"\bwave", r"\bphase",
)
ADAPT = _f(
    r"\bchang(?:e|ed|ing) (?:the|what|our|my) (?:plan|promise|scope|message|headline|date)",
    r"\bkeep the date\b", r"\bcut (?:the )?scope\b", r"\bbeta\b", r"\bphased\b", r"\bre-?plan",
    r"\breschedul", r"\binstead\b", r"\bswap", r"\bplan b\b", r"\bmov(?:e|ed) (?:the|it)\b",
    r"\bheadline\b", r"\bcoming in\b", r"\bfallback\b", r"\bnarrow", r"\bsmaller\b", r"\bpilot\b",
    r"\btest\b", r"\badjust", r"\badapt", r"\bpivot", r"\bre-?scop", r"\bworkaround\b",
)
COMMUNICATE = _f(
    r"\btold\b", r"\bcall(?:ed)?\b", r"\bemail", r"\bupdates?\b", r"\bscript\b", r"\bbrief",
    r"\bexplain", r"\bwrote\b", r"\bmessag", r"\bFAQ\b", r"\bmemo\b", r"\bannounce", r"\bmyself\b",
    r"\bin person\b", r"\bface to face\b", r"\bwrite-?up\b", r"\bdoc\b", r"\bshare(?:d)? (?:the|a|our)\b",
)
OUTCOME = _f(
    r"\bresult", r"\bended up\b", r"\boutcome\b", r"\blaunched\b", r"\bshipped\b", r"\bdelivered\b",
    r"\bdrop(?:ped)? out\b", r"\bkept\b", r"\bretained\b", r"\bwe (?:hit|reached|got|landed|won)\b",
    r"\bconverted\b", r"\bclosed\b", r"\bsigned\b", r"\bon time\b", r"\bmy bar\b", r"\bsuccess\b",
    r"\bfewer than\b", r"\bmore than\b", r"\bin the end\b",
)
DEPENDENCY = _f(
    r"\bdependenc", r"\bdepends? on\b", r"\bblocked\b", r"\bblockers?\b", r"\bcritical path\b",
    r"\bupstream\b", r"\bdownstream\b", r"\bhand-?offs?\b", r"\bowned by\b", r"\bsequenc",
    r"\bin parallel\b", r"\bparallel", r"\bwaiting on\b", r"\bbefore (?:\w+ ){0,3}can\b",
    r"\bneeds? (?:the|their) \w+ (?:API|service|team|data)\b", r"\bteams?\b", r"\bvendor", r"\bintegration",
    r"\bcontract test", r"\binterface", r"\bAPI\b", r"\bmap(?:ped)? (?:the|every|all)\b", r"\bRACI\b",
)
RISK = _f(
    r"\brisks?\b", r"\bmitigat", r"\bbuffer", r"\bcontingenc", r"\bfallback", r"\bplan b\b",
    r"\bearly warning\b", r"\bred\b", r"\byellow\b", r"\btrigger", r"\bslip", r"\bprobabilit",
    r"\bworst case\b", r"\bwhat if\b", r"\bif (?:it|they|that|the \w+) (?:slips|fails|is late|misses)\b",
    r"\bmock\b", r"\bstub\b", r"\bfeature flag", r"\bkill switch\b", r"\brollback\b", r"\bdry[- ]run",
    r"\brehears", r"\bchaos\b", r"\bdrill\b", r"\bbackup\b", r"\bcutover\b", r"\bcanary\b",
)
MILESTONE = _f(
    r"\bmilestones?\b", r"\bcheckpoints?\b", r"\bweek \d+\b", r"\bdeadline", r"\bphase", r"\bgates?\b",
    r"\bcode freeze\b", r"\bdry[- ]run", r"\bby (?:Monday|Tuesday|Wednesday|Thursday|Friday|day \d+|week \d+)\b",
    r"\bgo/no-go\b", r"\bdates?\b", r"\bdays?\b", r"\bweeks?\b", r"\bsprints?\b", r"\bfreeze\b",
    r"\bcutover\b", r"\blaunch\b", r"\bschedule\b", r"\bT-\d+\b", r"\bdaily\b",
)
DELIVERY_METRIC = _f(
    r"\bon-?time\b", r"\bburn-?down\b", r"\bvelocity\b", r"\bdefects?\b", r"\bincidents?\b",
    r"\bSLA\b", r"\buptime\b", r"\bcycle time\b", r"\blead time\b", r"\bslip(?:ped)? (?:by )?\d",
    r"\bzero (?:P0|sev|incidents|downtime)\b", r"\bP[0-2]\b", r"\bsev-?\d\b", r"\berror rate\b",
    r"\bscope (?:delivered|shipped)\b", r"\blaunched (?:on|\d)", r"\bdays? (?:early|late)\b",
    r"\bwithin \d+", r"\b\d+ ?%",
)
BUSINESS = _f(
    r"\bGMV\b", r"\brevenue\b", r"\bARPU\b", r"\btake rate\b", r"\bconversion", r"\bmargin",
    r"\byuan\b", r"\bRMB\b", r"\bdollars?\b", r"\$\d", r"\bcosts?\b", r"\bprofit", r"\border value\b",
    r"\bretention\b", r"\bchurn\b", r"\bLTV\b", r"\bbasket\b", r"\bsales\b", r"\bcompletion rate\b",
    r"\brefunds?\b", r"\bcomplaints\b", r"\blosses?\b", r"\bchargebacks?\b", r"\bbusiness (?:metric|KPI|impact|value)\b",
    r"\bbottom line\b", r"\bper order\b", r"\bper user\b", r"\brepeat\b", r"\bwrite-?offs?\b",
)
BASELINE = _f(
    r"\bbaseline", r"\bheuristic", r"\brule-?based\b", r"\bsimple (?:model|rule|heuristic)",
    r"\blogistic regression\b", r"\bstart (?:with|from)\b", r"\bfirst (?:I'd )?(?:try|check|build|fit|see)\b",
    r"\bbenchmark", r"\bcompare (?:it )?(?:against|with)\b", r"\bcurrent (?:system|rule|model|process)\b",
    r"\bwhat (?:we|they) (?:do|have) today\b", r"\bbefore (?:any|a|building)\b", r"\bnaive\b",
    r"\bbeat (?:the|a)\b", r"\blast year's\b", r"\bmoving average\b", r"\bsanity check",
)
COST_LATENCY = _f(
    r"\bcosts?\b", r"\bserv(?:e|ing)\b", r"\blatency\b", r"\bms\b", r"\bmilliseconds?\b", r"\bGPUs?\b",
    r"\bCPUs?\b", r"\bon-?device\b", r"\bphones?\b", r"\bmemory\b", r"\binference\b", r"\bbudget\b",
    r"\bcheap", r"\bexpensive\b", r"\bdistil", r"\bquanti[sz]", r"\bprecompute", r"\bbatch",
    r"\bp9[059]\b", r"\breal[- ]time\b", r"\boffline\b", r"\bper (?:request|call|query|prediction)\b",
    r"\bcompute\b", r"\bhardware\b", r"\bsmaller model\b", r"\bcache", r"\bnightly\b",
)
DATA_QUALITY = _f(
    r"\bmissing\b", r"\blabels?\b", r"\bnois", r"\bbots?\b", r"\bfraud", r"\bskew", r"\bimbalanc",
    r"\bleak", r"\boutliers?\b", r"\bdedup", r"\bclean", r"\bsparse\b", r"\bcold[- ]start\b",
    r"\bbias", r"\bdelayed\b", r"\bselection\b", r"\bsurvivorship\b", r"\bduplicat", r"\bspam",
    r"\bfake\b", r"\bdrift", r"\bstale\b", r"\bjoin", r"\bnull", r"\bgarbage\b", r"\bdirty\b",
    r"\bmislabel", r"\bweak labels?\b", r"\bproxy\b", r"\bcensor", r"\bsampl",
)
EXPERIMENT = _f(
    r"\bA/B\b", r"\bexperiment", r"\bholdout\b", r"\bcontrol\b", r"\brandomi[sz]", r"\btest (?:group|cell|arm)s?\b",
    r"\blift\b", r"\bsignifican", r"\bpower\b", r"\bsample size\b", r"\binterleav", r"\bswitchback\b",
    r"\bpilot\b", r"\bdiff-in-diff\b", r"\bdifference-in-differences\b", r"\bcounterfactual\b",
    r"\bmatched (?:cities|markets|stores)\b", r"\bgeo (?:test|split)\b", r"\bcanary\b", r"\bshadow\b",
    r"\bcompare\b", r"\bweeks?\b",
)
METHOD = _f(
    r"\bmodel", r"\bgradient[- ]boost", r"\bGBDT\b", r"\bXGBoost\b", r"\bLightGBM\b", r"\blogistic\b",
    r"\bregression\b", r"\bembedding", r"\btwo-tower\b", r"\bcollaborative\b", r"\bsurvival\b",
    r"\btime[- ]series\b", r"\bforecast", r"\bfeatures?\b", r"\bclassif", r"\branking\b",
    r"\buplift\b", r"\bcausal\b", r"\bmatching\b", r"\bgraph\b", r"\bclustering\b", r"\banomaly\b",
    r"\bbandit", r"\btrees?\b", r"\bneural\b", r"\btransformer", r"\bBERT\b", r"\bLLM", r"\bretriev",
    r"\brerank", r"\bcandidate", r"\bthreshold", r"\bscore\b", r"\bquantile\b", r"\bhierarchical\b",
)
EVALUATION = _f(
    r"\boffline\b", r"\bonline\b", r"\bAUC\b", r"\bprecision\b", r"\brecall\b", r"\bbacktest",
    r"\bhold-?out\b", r"\bvalidat", r"\bcalibrat", r"\bA/B\b", r"\bNDCG\b", r"\bMAPE\b", r"\bRMSE\b",
    r"\bF1\b", r"\baccuracy\b", r"\berror\b", r"\bbeat", r"\bcompare", r"\bground truth\b",
    r"\bmeasure", r"\bmetric", r"\bwhich (?:matters|counts)\b", r"\bfalse (?:positives?|negatives?)\b",
)
TECH_ONLY_METRIC = _f(r"\bAUC\b", r"\bF1\b", r"\baccuracy\b", r"\bprecision\b", r"\brecall\b",
                      r"\bRMSE\b", r"\bMAPE\b", r"\bNDCG\b", r"\blog-?loss\b", r"\bMAE\b")
MOTIVATION = _f(
    r"\bbecause\b", r"\bI want\b", r"\bdrawn to\b", r"\bwhy (?:this|I|Alibaba)\b", r"\bexcit", r"\binterest",
    r"\bthis role\b", r"\bthe reason\b", r"\bI'd like\b", r"\bwhat (?:pulls|draws|attracts)\b",
    r"\bchance to\b", r"\bopportunity to\b", r"\bnext step\b", r"\bgrow\b", r"\blearn\b", r"\bI care\b",
    r"\bwhat I (?:enjoy|love|like)\b", r"\bmeans? (?:a lot|something)\b", r"\bscale\b",
)
ROLE_FIT = _f(
    r"\bI've\b", r"\bI have\b", r"\bexperience\b", r"\byears?\b", r"\bbackground\b", r"\bbuilt\b",
    r"\bshipped\b", r"\bled\b", r"\bran\b", r"\bowned\b", r"\bmy (?:last|current|previous)\b",
    r"\blaunched\b", r"\bmanaged\b", r"\bworked (?:on|with|at)\b", r"\bat (?:my|a|an)\b", r"\bteam\b",
)
RESILIENCE = _f(
    r"\bpressure\b", r"\bsetbacks?\b", r"\bfailed\b", r"\brecover", r"\bkept going\b", r"\bdeadlines?\b",
    r"\badapt", r"\bbounce", r"\bhard\b", r"\bdifficult", r"\bunrealistic\b", r"\bstress", r"\btight\b",
    r"\bpushed back\b", r"\bdidn't give up\b", r"\bnight\b", r"\bweekend", r"\bagain\b", r"\bsecond time\b",
    r"\bworked out\b", r"\bwhat we could\b", r"\binstead\b", r"\bbut\b", r"\bstill\b",
)

ROUND_CUES: dict[str, dict[str, tuple[re.Pattern[str], ...]]] = {
    "screen": {
        "motivation": (MOTIVATION,),
        "role_fit": (ROLE_FIT,),
        "clarity": (),
    },
    "hiring_manager": {
        "scope": (SCALE, USER, ROLE_FIT, lx.METRIC_NOUN),
        "decisions": (lx.DECISION, lx.TRADEOFF),
        "result": (lx.CHANGE, OUTCOME, lx.METRIC_NOUN),
        "reflection": (lx.REFLECTION,),
    },
    "technical": {
        "scale": (SCALE,),
        "tradeoffs": (lx.TRADEOFF,),
        "integration": (INTEGRATION,),
        "failure_modes": (FAILURE,),
        "metrics": (TECH_METRIC, lx.MEASURE, lx.METRIC_NOUN),
    },
    "product_sense": {
        "user_problem": (USER,),
        "solution": (SOLUTION,),
        "metrics": (lx.MEASURE, lx.METRIC_NOUN),
        "tradeoffs": (lx.TRADEOFF, lx.KILL, lx.HYPOTHESIS),
        "ecosystem": (ECOSYSTEM,),
    },
    "market_strategy": {
        "segmentation": (SEGMENT,),
        "channels": (CHANNEL,),
        "localisation": (LOCAL,),
        "timing": (TIMING,),
        "metrics": (lx.MEASURE, lx.METRIC_NOUN),
    },
    "stakeholder": {
        "alignment": (lx.ALIGN,),
        "adaptation": (ADAPT, lx.TRADEOFF),
        "communication": (COMMUNICATE,),
        "outcome": (OUTCOME, lx.CHANGE, lx.METRIC_NOUN),
    },
    "execution": {
        "dependencies": (DEPENDENCY,),
        "risk": (RISK,),
        "milestones": (MILESTONE,),
        "delivery_metrics": (DELIVERY_METRIC, lx.MEASURE),
        "reflection": (lx.REFLECTION,),
    },
    "business_case": {
        "business_metric": (BUSINESS,),
        "baseline_first": (BASELINE,),
        "cost_latency": (COST_LATENCY,),
        "data_quality": (DATA_QUALITY,),
        "experiment": (EXPERIMENT,),
    },
    "ml": {
        "method": (METHOD,),
        "data_quality": (DATA_QUALITY,),
        "scale": (SCALE,),
        "latency": (COST_LATENCY,),
        "evaluation": (EVALUATION, BUSINESS),
    },
    "culture": {
        "ownership": (lx.DECISION,),
        "resilience": (RESILIENCE,),
        "reflection": (lx.REFLECTION,),
        "specificity": (),
    },
}
