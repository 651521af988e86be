import json, random
FA="Farsta stadsdelsnämnd"; SK="Skärholmens stadsdelsnämnd"; HA="Hägersten-Älvsjö stadsdelsnämnd"
JA="Järva stadsdelsnämnd"; NI="Norra innerstadens stadsdelsnämnd"; EAV="Enskede-Årsta-Vantörs stadsdelsnämnd"
BR="Bromma stadsdelsnämnd"; KU="Kungsholmens stadsdelsnämnd"; HV="Hässelby-Vällingby stadsdelsnämnd"
OM="Östermalms stadsdelsnämnd"; NM="Norrmalms stadsdelsnämnd"; RK="Rinkeby-Kista stadsdelsnämnd"
ST="Spånga-Tensta stadsdelsnämnd"; AL="Älvsjö stadsdelsnämnd"; HL="Hägersten-Liljeholmens stadsdelsnämnd"
MG="Maria-Gamla stans stadsdelsnämnd"; KS_="Katarina-Sofia stadsdelsnämnd"; SO="Södermalms stadsdelsnämnd"
TN="Trafiknämnden"; SBN="Stadsbyggnadsnämnden"; AEN="Äldrenämnden"; AMN="Arbetsmarknadsnämnden"; SVN="Servicenämnden"
SLK="Stadsledningskontoret"; EXP="Exploateringskontoret"; FB="AB Familjebostäder"; EX="Stockholm Exergi"
MI="Micasa Fastigheter i Stockholm AB"; POL="Polismyndigheten"; LST="Länsstyrelsen"; RS="Region Stockholm"
SN="Socialnämnden"; SBK="Stadsbyggnadskontoret"
def o(*pairs): return [{"body":b,"position":p} for b,p in pairs]
I=[]
def add(text, body, label, family, ocr=False, others=None):
    I.append(dict(text=text, body=body, label=label, family=family, ocr=ocr, others=others or []))

# ---- tillstyrker
add("Stadsdelsnämnden ställer sig positiv till förslaget om utökade öppettider på fritidsgårdarna och överlämnar ärendet till kommunstyrelsen.", SK, "tillstyrker", "proc_with_stance")
add("Förvaltningen bedömer att handlingsplanen ligger väl i linje med stadens mål om en hållbar och jämlik stad.", FA, "tillstyrker", "evaluative_frame")
add("Det är enligt förvaltningens mening angeläget att satsningen på trygghetsvandringar fortsätter även efter att projektperioden har löpt ut.", JA, "tillstyrker", "evaluative_frame")
add("Trafiknämnden stödjer inriktningen i den nya cykelplanen och ser fram emot det fortsatta arbetet med genomförandet.", TN, "tillstyrker", "for_verb")
add("Förvaltningen tycker att det är bra att staden tar fram en gemensam strategi mot ofrivillig ensamhet bland äldre.", EAV, "tillstyrker", "plain_language")
add("Södermalms stadsdelsnämnd förordar att den nya simhallen placeras vid Eriksdal i enlighet med utredningens huvudalternativ.", SO, "tillstyrker", "for_verb")
add("Stadsdelsnamnden tillstyr- ker forslaget till riktlinjer for uppsokande verksamhet bland aldre.", BR, "tillstyrker", "for_verb", True)
add("Forslaget tillstyrks av namnden i sin helhet.", AEN, "tillstyrker", "for_passive", True)
add("Kungsholmens stadsdelsförvaltning välkomnar motionärens initiativ att hålla fler skolgårdar öppna för allmänheten efter skoltid.", KU, "tillstyrker", "for_verb")
add("Stockholm Exergi delar stadens bedömning att fjärrvärmenätet bör byggas ut i Hagastaden i takt med att området exploateras.", EX, "tillstyrker", "for_verb")
add("Forvaltningen anser att programmet ar ett viktigt verktyg i verksamheternas arbete med barns delaktighet.", HV, "tillstyrker", "evaluative_frame", True)
add("Stadsledningskontoret, exploateringskontoret och Farsta stadsdelsnämnd tillstyrker förslaget. Arbetsmarknadsnämnden har inte inkommit med något svar.", EXP, "tillstyrker", "summary",
    others=o((SLK,"tillstyrker"),(EXP,"tillstyrker"),(FA,"tillstyrker"),(AMN,"ej_svar")))
add("Hägersten–Älvsjö stadsdelsnämnd instämmer i motionens förslag om att anlägga fler parklekar i området.", HA, "tillstyrker", "en_dash_name")
add("Enligt Norra innerstadens stadsdelsförvaltning är förslaget ett viktigt steg mot en tryggare miljö kring Odenplan.", NI, "tillstyrker", "evaluative_frame")
add("Rinkeby-Kista stadsdelsförvaltning ser mycket positivt på att fler sommarjobb erbjuds ungdomar i området.", JA, "tillstyrker", "predecessor_name")
add("Med hänvisning till de goda erfarenheterna från försöksverksamheten i Tensta anser förvaltningen att modellen med språkstödjare i förskolan bör införas i hela stadsdelsområdet.", ST, "tillstyrker", "evaluative_frame")
add("Ärendet har remitterats till stadsledningskontoret, äldrenämnden och Farsta stadsdelsnämnd. Stadsledningskontoret och äldrenämnden tillstyrker. Farsta stadsdelsnämnd har inte inkommit med något svar.", AEN, "tillstyrker", "summary",
    others=o((SLK,"tillstyrker"),(AEN,"tillstyrker"),(FA,"ej_svar")))
add("Till skillnad från trafiknämnden ställer sig stadsdelsnämnden bakom förslaget om sänkt hastighet på Götgatan.", SO, "tillstyrker", "contrast_other_body",
    others=o((TN,"avstyrker")))

# ---- avstyrker
add("Förvaltningen avråder från att införa avgiftsbelagd parkering längs Ekerövägen eftersom trafiken då riskerar att flytta in i bostadsområdena.", BR, "avstyrker", "against_verb")
add("Stadsdelsnamnden motsatter sig att de kommunala lokalerna vid Hogdalstorget saljs.", EAV, "avstyrker", "against_verb", True)
add("Mot bakgrund av ovanstående föreslår förvaltningen att nämnden avstyrker motionen.", KU, "avstyrker", "against_verb")
add("Servicenämnden bedömer inte att en central upphandling av städtjänster skulle leda till vare sig lägre kostnader eller högre kvalitet.", SVN, "avstyrker", "negated_evaluation")
add("Förvaltningen ser inget skäl att förändra hemtjänstens organisation på det sätt som motionären föreslår.", FA, "avstyrker", "no_need")
add("Stadsbyggnadsnämnden bedömer att det saknas skäl att, som motionären vill, tillåta högre bebyggelse inom planområdet.", SBN, "avstyrker", "lacks_reason")
add("Stadsdelsnamnden avstvrker forslaget om att flytta fritidsgarden till Skarholmens centrum.", SK, "avstyrker", "against_verb", True)
add("Förvaltningen tycker inte att staden ska införa en ny taxa för föreningarnas lokaler.", KU, "avstyrker", "plain_language")
add("Polismyndigheten anser inte att kamerabevakning är en lämplig åtgärd på den aktuella platsen.", POL, "avstyrker", "negated_evaluation")
add("Aldrenamnden och Sodermalms stadsdelsnamnd avstvrker motionen. Ovriga remissinstanser har inget att erinra.", SO, "avstyrker", "summary", True,
    others=o((AEN,"avstyrker"),(SO,"avstyrker")))
add("Nämnden anser inte att den föreslagna ändringen av de lokala ordningsföreskrifterna är motiverad.", OM, "avstyrker", "negated_evaluation")
add("Forvaltningen bedomer inte att en sadan forandring skulle fOrbattra tillgangligheten for aldre i stadsdelen.", MG, "avstyrker", "negated_evaluation", True)
add("Micasa Fastigheter i Stockholm AB har avstyrkt förslaget med hänvisning till bolagets avkastningskrav.", MI, "avstyrker", "against_verb")
add("Arbetsmarknadsnämnden anser inte att en särskild ungdomsjobbsgaranti är något som staden bör driva på egen hand.", AMN, "avstyrker", "negated_evaluation")
add("Trafiknämnden avstyrker förslaget om bilfria söndagar i innerstaden, medan Norrmalms stadsdelsnämnd tillstyrker det.", TN, "avstyrker", "summary",
    others=o((TN,"avstyrker"),(NM,"tillstyrker")))
add("Stadsdelsnämnden avstyrker motionen och överlämnar förvaltningens tjänsteutlåtande som svar på remissen.", AL, "avstyrker", "proc_with_stance")
add("I motionen föreslås att stadens förskolor ska servera enbart vegetarisk kost två dagar i veckan. Förvaltningen delar inte motionärens uppfattning att en sådan ordning bör beslutas centralt.", EAV, "avstyrker", "background_plus_stance")
add("Nämnden ser inget behov av ytterligare en samordnare för hemlöshetsfrågor, så som föreslås i motionen.", HL, "avstyrker", "no_need")

# ---- delvis
add("Förvaltningen är i grunden positiv till förslaget men anser att finansieringen måste klargöras innan arbetet påbörjas.", HV, "delvis", "for_but")
add("Namnden tillstyrker forslaget under forutsattning att tillkommande kostnader kompenseras i budgeten.", NI, "delvis", "condition", True)
add("Stadsdelsnämnden ställer sig bakom planens inriktning. Barnperspektivet bör dock lyftas tydligare i det fortsatta arbetet.", FA, "delvis", "for_dock")
add("Förvaltningen delar motionärens ambition om fler bostäder för unga, däremot bedöms förslaget om särskilda kvoter inte vara förenligt med bostadsförmedlingens regelverk.", SK, "delvis", "for_daremot")
add("AB Familjebostäder stödjer förslaget till handlingsplan med nedanstående kommentarer.", FB, "delvis", "for_with_comments")
add("Förvaltningen är positiv till fler mötesplatser för seniorer. Innan något beslutas måste det dock undersökas om det finns lämpliga lokaler.", HA, "delvis", "plain_language")
add("Namnden tillstyrker forslaget i de delar som rOr forskolans utemiljo men avstyrker forslaget om samlokalisering med fritidsgarden.", KS_, "delvis", "split_parts", True)
add("Länsstyrelsen tillstyrker planens huvuddrag men bedömer att riskerna för översvämning måste utredas vidare innan planen antas.", LST, "delvis", "for_but")
add("Förvaltningen anser att förslaget kan genomföras i de delar som ligger inom nämndens ansvar, medan övriga delar bör utredas vidare.", JA, "delvis", "split_parts")
add("Stadsledningskontoret och Bromma stadsdelsnämnd tillstyrker förslaget men har synpunkter på tidplanen. Stockholm Exergi avstyrker.", BR, "delvis", "summary",
    others=o((SLK,"delvis"),(BR,"delvis"),(EX,"avstyrker")))
add("Region Stockholm välkomnar initiativet men påpekar att regionen inte kan åta sig några ytterligare kostnader för busstrafiken.", RS, "delvis", "for_but")
add("Forvaltningen stäl ler sig bakom for slaget, men anser att genomforandet bor ske stegvis.", AL, "delvis", "for_but", True)
add("Nämnden tillstyrker remissen med de synpunkter som framförs i förvaltningens tjänsteutlåtande och överlämnar detta till kommunstyrelsen.", MG, "delvis", "for_with_comments")
add("Exploateringskontoret är positivt till en ny idrottshall i Västberga, förutsatt att den kan finansieras inom ramen för exploateringen.", EXP, "delvis", "condition")
add("Spånga-Tensta och Rinkeby-Kista stadsdelsnämnder delar motionärens intention men anser att frågan bör utredas vidare. Socialnämnden tillstyrker motionen.", RK, "delvis", "summary",
    others=o((ST,"delvis"),(RK,"delvis"),(SN,"tillstyrker")))

# ---- neutral
add("Stadsdelsnämnden har inga invändningar mot förslaget till ny detaljplan för kvarteret Sjöstjärnan.", KU, "neutral", "no_objection")
add("Förvaltningen har inga särskilda synpunkter på den reviderade taxan.", OM, "neutral", "no_comments")
add("Namnden finner inget att anmarka pa i forslaget.", AMN, "neutral", "no_objection", True)
add("Huruvida staden ska införa en medborgarbudget är en politisk fråga som förvaltningen inte tar ställning till.", SO, "neutral", "explicit_nonstance")
add("Hagersten-Liljeholmens stadsdelsnamnd har for sin del inget att erinra mot revideringen av riktlinjerna for forsorjningsstod.", HL, "neutral", "no_objection", True)
add("Det finns enligt förvaltningens bedömning inte anledning att motsätta sig förslaget.", NM, "neutral", "no_reason_to_oppose")
add("Stockholm Exergi har inga synpunkter på samrådshandlingen, då planförslaget inte berör bolagets befintliga ledningar.", EX, "neutral", "no_comments")
add("Farsta, Skärholmens och Enskede-Årsta-Vantörs stadsdelsnämnder har inget att erinra mot förslaget.", SK, "neutral", "summary",
    others=o((FA,"neutral"),(SK,"neutral"),(EAV,"neutral")))
add("Namnden lamnar forslaget utan erin ran.", TN, "neutral", "no_objection", True)
add("Forvaltningen bar inget emot fOrslaget.", BR, "neutral", "plain_language", True)
add("Forvaltningen har inga invandningar mot att riktlinjerna antas.", ST, "neutral", "no_objection", True)
add("Valet mellan de två utredningsalternativen är ytterst ett politiskt ställningstagande, och förvaltningen förordar därför inte något av dem.", HV, "neutral", "explicit_nonstance")
add("Micasa Fastigheter i Stockholm AB och servicenämnden har inga synpunkter på förslaget. Polismyndigheten tillstyrker.", SVN, "neutral", "summary",
    others=o((MI,"neutral"),(SVN,"neutral"),(POL,"tillstyrker")))
add("Norrmalms stadsdelsförvaltning har inte några invändningar mot förslaget i sig.", NM, "neutral", "no_objection")
add("Nämnden har inget att erinra mot förslaget och överlämnar ärendet till kommunstyrelsen.", AEN, "neutral", "proc_with_stance")

# ---- avstår
add("Eftersom förslaget främst rör innerstadens trafikmiljö avstår Farsta stadsdelsnämnd från att lämna något yttrande.", FA, "avstår", "abstain")
add("Nämnden har beslutat att inte besvara remissen.", SBN, "avstår", "abstain")
add("Förvaltningen föreslår att nämnden avstår från att yttra sig, eftersom remissen inte berör stadsdelsnämndens ansvarsområden.", OM, "avstår", "abstain")
add("Namnden avstar fran att vttra sig i arendet.", KS_, "avstår", "abstain", True)
add("AB Familjebostäder har valt att inte lämna något remissvar.", FB, "avstår", "abstain")
add("Aldrenamnden lamnar inget yttrande i arendet.", AEN, "avstår", "abstain", True)
add("Skärholmens stadsdelsnämnd och Länsstyrelsen har avstått från att yttra sig. Övriga har tillstyrkt förslaget.", LST, "avstår", "summary",
    others=o((SK,"avstår"),(LST,"avstår")))
add("Förvaltningen tycker inte att den behöver svara på remissen, eftersom frågan inte gäller stadsdelens verksamhet.", HV, "avstår", "plain_language")
add("Då ärendet saknar koppling till nämndens verksamhet väljer Järva stadsdelsnämnd att inte yttra sig.", JA, "avstår", "abstain")
add("Stadsdelsforvaltningen har avstatt fran att besvara remissen da den inte ror forvaltningens verksamhet.", RK, "avstår", "abstain", True)
add("Servicenämnden avböjer att yttra sig över förslaget.", SVN, "avstår", "abstain")
add("Exploateringskontoret avstår från att lämna synpunkter i ärendet.", EXP, "avstår", "abstain")
add("Hägersten-Älvsjö och Södermalms stadsdelsnämnder har avstått från att yttra sig, medan trafiknämnden tillstyrker förslaget.", HA, "avstår", "summary",
    others=o((HA,"avstår"),(SO,"avstår"),(TN,"tillstyrker")))

# ---- oklart
add("Nämnden beslutar att som svar på remissen överlämna förvaltningens tjänsteutlåtande till kommunstyrelsen.", BR, "oklart", "procedural")
add("Ärendet har remitterats till stadsdelsnämnden för yttrande senast den 15 mars 2016.", KU, "oklart", "background")
add("Motionären föreslår att staden inför avgiftsfri simskola för alla barn i årskurs två.", FA, "oklart", "motion_content")
add("Förslaget bedöms inte medföra några ekonomiska konsekvenser för nämnden.", SK, "oklart", "cost")
add("Trafiknämnden har i ett tidigare yttrande tillstyrkt en liknande åtgärd.", SO, "oklart", "other_body",
    others=o((TN,"tillstyrker")))
add("Kommunfullmäktige beslutade den 12 juni 2017 att anta programmet för ökad tillgänglighet.", EAV, "oklart", "earlier_decision")
add("Samtliga stadsdelsnämnder utom Östermalms och Norrmalms har svarat på remissen.", KU, "oklart", "summary",
    others=o((OM,"ej_svar"),(NM,"ej_svar")))
add("Arbetsmarknadsnämnden och Järva stadsdelsnämnd tillstyrker förslaget.", FA, "oklart", "summary",
    others=o((AMN,"tillstyrker"),(JA,"tillstyrker")))
add("Namnden beslutar att overlamna arendet till kommunstvrelsen for vidare handlaggning.", OM, "oklart", "procedural", True)
add("Polismyndigheten avstyrker förslaget om att stänga gatan för biltrafik nattetid.", NI, "oklart", "other_body",
    others=o((POL,"avstyrker")))
add("I motionen föreslås att staden ska utreda möjligheten att bygga en linbana mellan Liljeholmen och Gullmarsplan.", HA, "oklart", "motion_content")
add("Staden har tagit fram ett förslag till ny plan för idrotten. Nu får stadsdelsnämnderna tycka till om planen.", ST, "oklart", "plain_language_background")
add("Stadsbyggnadskontoret ställer sig bakom planförslaget.", HV, "oklart", "other_body",
    others=o((SBK,"tillstyrker")))
add("Förvaltningen har i beredningen av ärendet samrått med stadsdelens pensionärsråd och funktionshinderråd.", AL, "oklart", "background")
add("Kostnaden för att genomföra åtgärderna beräknas till cirka 2,4 miljoner kronor per år, vilket ryms inom nämndens budget.", JA, "oklart", "cost")
add("Kommunstyrelsen föreslår att kommunfullmäktige beslutar att motionen ska anses besvarad.", SLK, "oklart", "ks_outcome")
add("Socialnamnden tillstvrker forslaget och framhaller vikten av samverkan med stadsdelarna.", FA, "oklart", "other_body", True,
    others=o((SN,"tillstyrker")))
add("Samtliga utom Stockholm Exergi och AB Familjebostäder har svarat.", None, "oklart", "summary",
    others=o((EX,"ej_svar"),(FB,"ej_svar")))

random.Random(2).shuffle(I)
with open("/work/blind/positions_blind2.jsonl","w",encoding="utf-8") as f:
    for n,it in enumerate(I,1):
        f.write(json.dumps({"id":f"b2-{n:03d}",**it},ensure_ascii=False)+"\n")
