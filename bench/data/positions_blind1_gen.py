# Generator for positions_blind1.jsonl -- written blind (only /work/shared/README.md read).
import json, random

ITEMS = []

def A(text, body, label, family, others=None, ocr=False):
    ITEMS.append(dict(text=text, body=body, label=label, family=family,
                      ocr=ocr, others=others or []))

def O(*pairs):
    return [{"body": b, "position": p} for b, p in pairs]

FA = "Farsta stadsdelsnämnd"
SK = "Skärholmens stadsdelsnämnd"
SO = "Södermalms stadsdelsnämnd"
HA = "Hägersten-Älvsjö stadsdelsnämnd"
HL = "Hägersten-Liljeholmens stadsdelsnämnd"
JA = "Järva stadsdelsnämnd"
NI = "Norra innerstadens stadsdelsnämnd"
EA = "Enskede-Årsta-Vantörs stadsdelsnämnd"
BR = "Bromma stadsdelsnämnd"
ST = "Spånga-Tensta stadsdelsnämnd"
RK = "Rinkeby-Kista stadsdelsnämnd"
KU = "Kungsholmens stadsdelsnämnd"
OS = "Östermalms stadsdelsnämnd"
NO = "Norrmalms stadsdelsnämnd"
HV = "Hässelby-Vällingby stadsdelsnämnd"
AL = "Älvsjö stadsdelsnämnd"
SP = "Skarpnäcks stadsdelsnämnd"
MG = "Maria-Gamla stans stadsdelsnämnd"
KS_ = "Katarina-Sofia stadsdelsnämnd"
LI = "Liljeholmens stadsdelsnämnd"
HG = "Hägerstens stadsdelsnämnd"
TN = "Trafiknämnden"
SBN = "Stadsbyggnadsnämnden"
UN = "Utbildningsnämnden"
SN = "Socialnämnden"
MHN = "Miljö- och hälsoskyddsnämnden"
KN = "Kulturnämnden"
IN = "Idrottsnämnden"
FN = "Fastighetsnämnden"
EN = "Exploateringsnämnden"
SLK = "Stadsledningskontoret"
SB = "AB Svenska Bostäder"
SVOA = "Stockholm Vatten och Avfall AB"
SHAB = "Stockholms Stadshus AB"
LST = "Länsstyrelsen i Stockholms län"
RS = "Region Stockholm"
TV = "Trafikverket"
ALDN = "Äldrenämnden"

T, AV, D, N, AS, OK = "tillstyrker", "avstyrker", "delvis", "neutral", "avstår", "oklart"

# ---------------------------------------------------------------- tillstyrker
A("Stadsdelsnämnden beslutar att tillstyrka förslaget till ny cykelplan för ytterstaden samt att förklara paragrafen omedelbart justerad.", FA, T, "procedural+stance")
A("Förvaltningen har i flera tidigare yttranden pekat på behovet av fler förskoleplatser i Bredäng och tillstyrker därför även detta förslag.", SK, T, "verb-tense")
A("Skärholmens stadsdelsförvaltning ställer sig i allt väsentligt bakom det remitterade programmet för trygghet i offentliga miljöer.", SK, T, "verb-tense")
A("Förslaget till riktlinjer för handläggning av serveringstillstånd tillstyrks av nämnden.", SO, T, "verb-tense")
A("Förvaltningen delar utredarens slutsats att ansvaret för uppföljningen av hemtjänstens kvalitet även fortsättningsvis bör ligga hos stadsdelsnämnderna.", EA, T, "verb-tense")
A("Nämnden välkomnar att staden nu tar ett samlat grepp om äldres psykiska hälsa, något som verksamheterna länge har efterfrågat.", HV, T, "verb-tense")
A("Hägersten–Älvsjö stadsdelsnämnd förordar att det andra utredningsalternativet, med en gång- och cykelbro över Långsjön, väljs i det fortsatta arbetet.", HA, T, "verb-tense")
A("Förvaltningen tycker att förslaget om fler parklekar är bra och att det kommer att göra stor nytta för barnfamiljerna i stadsdelen.", FA, T, "plain-language")
A("Enligt förvaltningens mening ligger det remitterade förslaget helt i linje med stadens vision om en sammanhållen och hållbar stad.", JA, T, "evaluative-frame")
A("Förvaltningen anser att det är angeläget att upprustningen av Vårbergs centrum påbörjas så snart som möjligt.", SK, T, "evaluative-frame")
A("Södermalms stadsdelsnämnd instämmer i motionärens beskrivning av behoven hos de hemlösa i innerstaden och föreslår att motionen bifalls.", SO, T, "verb-tense")
A("Mot bakgrund av det som redovisats ovan föreslår förvaltningen att nämnden tillstyrker remissen.", BR, T, "procedural+stance")
A("Motionären föreslår att staden inte ska införa avgifter för parkering vid idrottsplatserna i ytterstaden. Förvaltningen delar motionärens uppfattning och anser att avgifterna skulle minska barns och ungas deltagande i föreningslivet.", HV, T, "motion-speaks")
A("Nämnden är positiv till att staden avstår från att sälja fastigheten vid Hammarbyhöjden och stöder därmed motionens förslag.", EA, T, "verb-tense")
A("Förvaltningen ser mycket positivt på förslaget att inrätta ett lokalt brottsförebyggande råd för hela Järvaområdet.", JA, T, "evaluative-frame")
A("Stadsdelsnämnden har ställt sig positiv till planförslaget, som bedöms kunna bidra till en tryggare och mer levande miljö kring Fruängens centrum.", HL, T, "verb-tense")
A("Farsta stadsdelsförvaltning bedömer att den föreslagna modellen för boendestöd stärker brukarnas möjligheter till ett självständigt liv och tillstyrker därför förslaget.", FA, T, "evaluative-frame")
A("Det är enligt förvaltningen av största vikt att ungdomsmottagningen i Skärholmen får en långsiktig finansiering.", SK, T, "evaluative-frame")
A("Kulturförvaltningen ser utredningens förslag som ett efterlängtat steg mot en mer jämlik tillgång till kulturskolans verksamhet.", KN, T, "evaluative-frame")
A("Trafikkontoret förordar att den nya stombusslinjen dras via Bagarmossen och Skarpnäcks gård.", TN, T, "attribution")
A("Region Stockholm delar stadens uppfattning att en förlängning av tunnelbanan till Fittja är angelägen och bör prioriteras.", RS, T, "verb-tense")
A("Förvaltningen menar att de föreslagna åtgärderna är väl avvägda och kommer att förbättra tillgängligheten för personer med funktionsnedsättning i hela stadsdelen.", OS, T, "evaluative-frame")
A("Nämnden har inga invändningar utan tillstyrker förslaget i sin helhet.", KU, T, "verb-tense")
A("Utbildningsnämnden har länge efterfrågat ett sådant stöd till skolorna och välkomnar därför att det nu föreslås.", UN, T, "verb-tense")
A("Enskede-Årsta-Vantörs stadsdelsnämnd beslutar att ställa sig bakom förvaltningens förslag till yttrande, i vilket förslaget om två nya förskolor i Årsta tillstyrks.", EA, T, "procedural+stance")
A("Förvaltningen tycker att planen är viktig eftersom den kan hjälpa fler ungdomar i stadsdelen att få ett sommarjobb.", RK, T, "plain-language")
A("Det är förvaltningens uppfattning att en samlokalisering av fritidsgården och biblioteket vore ett lyft för hela Rinkeby.", RK, T, "evaluative-frame")
A("Rinkeby-Kista stadsdelsnämnd tillstyrker förslaget om utökad fältverksamhet i Husby och Akalla.", JA, T, "attribution")
A("Bromma stadsdelsnämnd har den 14 mars 2017 beslutat att tillstyrka förslaget.", BR, T, "verb-tense")
A("Förvaltningen ansluter sig till utredningens förslag om att samordningsförbunden ska få ett utvidgat uppdrag.", NO, T, "verb-tense")
A("Östermalms stadsdelsnämnd finner förslaget väl genomarbetat och ser fram emot att det genomförs.", OS, T, "evaluative-frame")
A("Nämnden anser att motionen bör bifallas.", ST, T, "verb-tense")
A("Sammanfattningsvis ställer sig Kungsholmens stadsdelsförvaltning positiv till det nya programmet för Fridhemsplan.", KU, T, "verb-tense")
A("Stockholm Vatten och Avfall AB bedömer att den föreslagna dagvattenstrategin är ett nödvändigt verktyg för stadens fortsatta utbyggnad och ställer sig bakom den.", SVOA, T, "evaluative-frame")
A("Enligt stadsdelsförvaltningen är det rimligt att staden går vidare med planerna på ett nytt vård- och omsorgsboende vid Farsta strand.", FA, T, "evaluative-frame")
A("Förslaget har tillstyrkts av Norrmalms stadsdelsnämnd, som särskilt framhåller behovet av fler bostäder för studenter och unga vuxna.", NO, T, "verb-tense")
A("Förvaltningen föreslår att nämnden ställer sig bakom förslaget till handlingsplan mot hemlöshet och överlämnar tjänsteutlåtandet till socialnämnden.", SO, T, "procedural+stance")
A("Spånga–Tensta stadsdelsnämnd anser att det finns goda skäl att genomföra försöket med avgiftsfri simskola för alla sexåringar.", ST, T, "evaluative-frame")
A("Idrottsförvaltningen konstaterar att förslaget skulle ge fler flickor möjlighet att idrotta på sina egna villkor och ser därför positivt på det.", IN, T, "evaluative-frame")
A("Nämnden ser ett stort värde i att ett gemensamt register över stadens lokaler för föreningslivet upprättas.", HA, T, "evaluative-frame")
A("Farsta stadsdelsnämnd är enig med motionärerna om att nattvandrarnas arbete bör ges ett fast ekonomiskt stöd.", FA, T, "verb-tense")
A("Förvaltningen anser att den föreslagna justeringen av taxan är motiverad och att den bör börja gälla från och med den 1 januari.", SP, T, "evaluative-frame")
A("Förvaltningen tycker att det är bra att staden vill satsa mer pengar på att rusta upp skolgårdarna.", EA, T, "plain-language")
A("Till skillnad från stadsbyggnadsnämnden, som har avstyrkt planen, ställer sig Skärholmens stadsdelsnämnd bakom den.", SK, T, "other-body", O((SBN, AV)))
A("Katarina-Sofia stadsdelsförvaltning välkomnar förslaget om en sammanhängande grönstruktur längs Söder Mälarstrand.", SO, T, "attribution")
A("Hägersten - Älvsjö stadsdelsförvaltnings bedömning är att förslaget svarar väl mot de behov som finns bland stadsdelens äldre.", HA, T, "attribution")
A("Nämnden delar miljö- och hälsoskyddsnämndens bedömning att förbudet mot dubbdäck på Hornsgatan bör bli permanent.", SO, T, "other-body", O((MHN, T)))
A("Skärholmens förvaltning stöder förslaget om att utöka öppettiderna på Skärholmens bibliotek till att omfatta söndagar.", SK, T, "attribution")
A("Det är positivt att staden tar initiativ till ett samlat program för sommarkollo, och förvaltningen ställer sig helhjärtat bakom det.", NI, T, "evaluative-frame")
A("Utifrån de erfarenheter som finns i stadsdelen bedömer förvaltningen att en permanent mottagning för hemlösa EU-medborgare är nödvändig, och den föreslagna lösningen är enligt förvaltningen den mest ändamålsenliga.", SO, T, "evaluative-frame")
A("Farsta har tillstyrkt motionen och anser att ett öppet nattcafé för unga bör prövas i Farsta centrum.", FA, T, "attribution")

# ---------------------------------------------------------------- avstyrker
A("Förvaltningen avstyrker motionen.", AL, AV, "verb-tense")
A("Skärholmens stadsdelsnämnd beslutar att avstyrka förslaget om att flytta medborgarkontoret till Vårby gård.", SK, AV, "procedural+stance")
A("Nämnden avråder bestämt från att införa den föreslagna avgiften, eftersom den riskerar att slå hårdast mot de hushåll som redan har små marginaler.", RK, AV, "verb-tense")
A("Förvaltningen anser att motionen ska avslås.", HV, AV, "verb-tense")
A("Motionen föreslår att varje stadsdelsnämnd anställer en särskild samordnare för föreningsbidrag. Förvaltningen ser ingen anledning att inrätta ytterligare en tjänst för detta ändamål.", BR, AV, "negated-evaluation")
A("Enligt förvaltningens bedömning skulle en sådan omorganisation inte leda till några förbättringar för de äldre som har hemtjänst.", EA, AV, "negated-evaluation")
A("Farsta stadsdelsnämnd motsätter sig att lekparken i Hökarängen tas i anspråk för bostadsbebyggelse.", FA, AV, "verb-tense")
A("Södermalms stadsdelsförvaltning menar att förslaget inte bör genomföras.", SO, AV, "negated-evaluation")
A("Trafiknämnden avstyrker förslaget om sänkt hastighetsgräns på Essingeleden.", TN, AV, "verb-tense")
A("Mot bakgrund av det anförda föreslår förvaltningen att stadsdelsnämnden avstyrker motionen och överlämnar tjänsteutlåtandet till kommunstyrelsen.", KU, AV, "procedural+stance")
A("Förvaltningen bedömer att det saknas behov av en särskild mötesplats för seniorer i Älvsjö, eftersom befintliga verksamheter redan täcker efterfrågan.", AL, AV, "negated-evaluation")
A("Nämnden anser inte att det är lämpligt att staden tar över driftansvaret för de statliga vägarna inom kommunen.", TN, AV, "negated-evaluation")
A("Förslaget avstyrks.", HA, AV, "verb-tense")
A("Stadsbyggnadskontoret bedömer att förslaget strider mot gällande översiktsplan och avstyrker därför att planarbete inleds.", SBN, AV, "attribution")
A("Motionären föreslår att staden ska avstå från att bygga ut spårvägen etappvis. Förvaltningen delar inte motionärens uppfattning.", KU, AV, "motion-speaks")
A("Enskede–Årsta–Vantörs stadsdelsnämnd kan inte ställa sig bakom förslaget.", EA, AV, "negated-evaluation")
A("Förvaltningen ser inte att en separat handlingsplan för Skarpnäck skulle ge något utöver det arbete som redan pågår inom ramen för stadens program.", SP, AV, "negated-evaluation")
A("Det finns enligt nämndens mening inga bärande skäl för att ändra den nuvarande ordningen.", SN, AV, "negated-evaluation")
A("Förvaltningen tycker inte att staden ska ta betalt för trygghetslarmen i hemtjänsten.", HV, AV, "plain-language")
A("Förvaltningen tycker att förslaget skulle bli sämre för de äldre och säger därför nej till det.", SK, AV, "plain-language")
A("Nämnden är negativ till att ytterligare serveringstillstånd beviljas runt Medborgarplatsen.", SO, AV, "verb-tense")
A("Hässelby–Vällingby stadsdelsnämnd avstyrker ansökan om tillstånd att ställa upp spelautomater i lokalen vid Vällingby torg.", HV, AV, "verb-tense")
A("Stadsdelsnämnden har avstyrkt förslaget med hänvisning till de stora kostnader som det skulle medföra för verksamheten.", FA, AV, "verb-tense")
A("Region Stockholm motsätter sig att ansvaret för skolhälsovården förs över till regionen.", RS, AV, "verb-tense")
A("Förvaltningen är kritisk till förslaget och anser att det bör avvisas i sin helhet.", NO, AV, "negated-evaluation")
A("Utifrån ett barnrättsperspektiv är förvaltningens bedömning att förslaget inte kan tillstyrkas.", ST, AV, "negated-evaluation")
A("Bromma stadsdelsförvaltning finner inte att en ny gästhamn vid Ängbyplan är en angelägen fråga för stadsdelen.", BR, AV, "negated-evaluation")
A("Nämnden avvisar förslaget att slå samman biblioteken i Tensta och Hjulsta.", ST, AV, "verb-tense")
A("Förvaltningen bedömer att förslaget riskerar att försämra tillgängligheten och föreslår att nämnden inte ställer sig bakom det.", HA, AV, "negated-evaluation")
A("Kungsholmens stadsdelsnämnd anser att det vore olämpligt att flytta uppställningsplatsen för turistbussar till Rålambshovsparken.", KU, AV, "negated-evaluation")
A("Förvaltningen avråder från att en försöksverksamhet med nattöppen förskola startas i stadsdelen.", RK, AV, "verb-tense")
A("Länsstyrelsen avstyrker förslaget om upphävt strandskydd inom planområdet.", LST, AV, "verb-tense")
A("Förvaltningen anser att motionen inte bör bifallas, då stadens nuvarande riktlinjer redan ger verksamheterna tillräckligt stöd.", OS, AV, "negated-evaluation")
A("Enligt nämndens uppfattning finns det ingen grund för att införa den kvotering som motionen föreslår.", UN, AV, "negated-evaluation")
A("Stadsdelsförvaltningen ser inget mervärde i att genomföra ytterligare medborgardialoger om trafiklösningen vid Brommaplan.", BR, AV, "negated-evaluation")
A("Farsta stadsdelsnämnd säger nej till förslaget om att hålla Farsta simhall stängd under sommarmånaderna.", FA, AV, "plain-language")
A("Exploateringskontoret bedömer att en markanvisning enligt motionens förslag inte är ekonomiskt försvarbar och avstyrker därmed motionen.", EN, AV, "attribution")
A("Förvaltningen har svårt att se hur förslaget skulle kunna genomföras i praktiken och anser att det inte bör gå vidare.", NI, AV, "negated-evaluation")
A("Socialnämnden avstyrker förslaget om att avveckla den centrala socialjouren.", SN, AV, "verb-tense")
A("Motionens förslag att ersätta de lokala ordningsvakterna med kameraövervakning avstyrks av nämnden.", JA, AV, "verb-tense")
A("Östermalms stadsdelsnämnd anser att motionen bör avslås.", OS, AV, "verb-tense")
A("Nämnden bedömer att dagens system för biståndshandläggning fungerar väl och att den förändring som föreslås inte är motiverad.", SK, AV, "negated-evaluation")
A("Förvaltningen tycker att förslaget inte behövs eftersom det redan finns en sådan verksamhet i stadsdelen.", EA, AV, "plain-language")
A("Rinkeby–Kista stadsdelsnämnd anser sammantaget att förslaget inte bör genomföras.", RK, AV, "negated-evaluation")
A("Förvaltningen noterar att trafiknämnden har tillstyrkt förslaget, men anser för egen del att det bör avslås.", FA, AV, "other-body", O((TN, T)))
A("Nämnden delar trafiknämndens bedömning att förslaget om bilfria söndagar på Götgatan inte bör genomföras.", SO, AV, "other-body", O((TN, AV)))
A("Maria-Gamla stans stadsdelsnämnd motsätter sig att de återstående kajplatserna vid Skeppsbron omvandlas till parkering.", SO, AV, "attribution")
A("Förvaltningen föreslår att Hägersten-Liljeholmens stadsdelsnämnd avstyrker motionen om att flytta Liljeholmens medborgarkontor.", HL, AV, "procedural+stance")
A("Fastighetskontoret kan inte rekommendera att byggnaden säljs och avstyrker därför motionens förslag.", FN, AV, "attribution")
A("Förvaltningen bedömer att det vore fel väg att gå att avskaffa de lokala föräldraråden och avstyrker förslaget.", HV, AV, "verb-tense")

# ---------------------------------------------------------------- delvis
A("Förvaltningen tillstyrker förslaget under förutsättning att stadsdelsnämnderna tillförs medel för den ökade arbetsbelastningen.", EA, D, "condition")
A("Nämnden ställer sig bakom huvuddragen i programmet men anser att ansvarsfördelningen mellan nämnderna måste förtydligas.", SO, D, "contrast")
A("Förvaltningen är i grunden positiv till förslaget. Konsekvenserna för de mindre idrottsföreningarna behöver dock belysas närmare innan beslut fattas.", HV, D, "contrast")
A("Skärholmens stadsdelsnämnd tillstyrker förslaget om nya cykelbanor längs Skärholmsvägen men avstyrker att parkeringsplatserna vid centrum tas bort.", SK, D, "contrast")
A("Nämnden tillstyrker utredningens förslag i de delar som rör barnkonsekvensanalyser, men avstyrker förslaget om ändrat huvudmannaskap för elevhälsan.", UN, D, "contrast")
A("Förvaltningen avstyrker motionen i dess nuvarande utformning men ser positivt på att frågan om lokalförsörjning för föreningslivet utreds vidare.", RK, D, "contrast")
A("Farsta stadsdelsnämnd delar i stort bedömningarna i förslaget till ny äldreplan, med de tillägg och synpunkter som framgår nedan.", FA, D, "condition")
A("Förvaltningen anser att förslaget är intressant men att det behöver utredas vidare innan staden kan ta ställning.", KU, D, "contrast")
A("Nämnden välkomnar förslaget, dock bör ansvaret för driften av de nya mötesplatserna tydliggöras.", JA, D, "contrast")
A("Förvaltningen tycker att förslaget är bra för barnen men att staden måste skjuta till mer pengar för att det ska gå att genomföra.", FA, D, "plain-language")
A("Förvaltningen tycker att det är bra att fler parkbänkar ställs ut, men tycker inte att de ska placeras på själva torget.", ST, D, "plain-language")
A("Hägersten-Liljeholmens stadsdelsnämnd har inget att invända mot planens inriktning, men anser att andelen hyresrätter i området bör öka.", HL, D, "contrast")
A("Förvaltningen kan tillstyrka förslaget om det kompletteras med en tydlig plan för hur de boende ska informeras under byggtiden.", SP, D, "condition")
A("Nämnden ser positivt på att staden satsar på fler fältassistenter. Förvaltningen vill samtidigt påpeka att satsningen inte får ske på bekostnad av den öppna fritidsverksamheten.", NO, D, "contrast")
A("Södermalms stadsdelsförvaltning stödjer förslagets intentioner men avstyrker den del som innebär att förvaltningen ska överta skötseln av Fåfängan.", SO, D, "contrast")
A("Kulturnämnden tillstyrker förslaget med reservation för att finansieringen av de nya biblioteksfilialerna ännu inte är klarlagd.", KN, D, "condition")
A("Förvaltningen bedömer att förslaget i huvudsak är bra men att flera av åtgärderna bör skjutas upp till nästa budgetår.", OS, D, "contrast")
A("Trafikkontoret är positivt till en ny pendelbåtslinje men anser att bryggan vid Ekensberg inte är en lämplig angöringspunkt.", TN, D, "contrast")
A("Nämnden avstyrker motionens första att-sats men tillstyrker den andra.", BR, D, "contrast")
A("Stadsdelsnämnden delar motionärens intentioner, men anser att frågan om avgiftsfria resor för pensionärer är en fråga för Region Stockholm snarare än för staden.", AL, D, "contrast")
A("Förvaltningen är tveksam till delar av förslaget, framför allt nedläggningen av mottagningen i Vällingby, men ställer sig i övrigt bakom det.", HV, D, "contrast")
A("Järva stadsdelsnämnd tillstyrker förslaget till trygghetsprogram men vill understryka att det krävs ett långsiktigt ekonomiskt åtagande från stadens sida.", JA, D, "contrast")
A("Nämnden är i huvudsak positiv, men flera av de föreslagna åtgärderna ligger utanför stadsdelsnämndens ansvar och bör därför hanteras av berörd facknämnd.", EA, D, "contrast")
A("Bromma stadsdelsnämnd förordar alternativ två för en ny sporthall vid Åkeshov, förutsatt att koloniområdet intill inte påverkas.", BR, D, "condition")
A("Förvaltningen har inget emot att försöket genomförs, men anser att det måste utvärderas efter ett år innan det permanentas.", SK, D, "condition")
A("Förvaltningen ställer sig positiv till förslaget i sak. Den föreslagna finansieringen genom omfördelning inom stadsdelsnämndernas budgetramar kan förvaltningen däremot inte tillstyrka.", FA, D, "contrast")
A("Förvaltningen håller med om att fler barn ska få hjälp med läxorna, men vill först veta vad det kostar och vem som ska betala.", RK, D, "plain-language")
A("Miljöförvaltningen tillstyrker förslaget till åtgärdsprogram för luftkvalitet men efterfrågar skarpare mål för halterna av kvävedioxid längs Hornsgatan.", MHN, D, "contrast")
A("Norra innerstadens stadsdelsnämnd ställer sig bakom förslaget med de justeringar som redovisas i förvaltningens tjänsteutlåtande.", NI, D, "condition")
A("Nämnden avstyrker förslaget i nuvarande form, men är öppen för att pröva en mer begränsad försöksverksamhet i en av stadsdelens skolor.", SK, D, "contrast")
A("Förvaltningen stödjer att en gemensam digital plattform tas fram, men avråder från att den upphandlas innan behoven i stadsdelarna har kartlagts.", NO, D, "contrast")
A("Fastighetskontoret ser positivt på förslaget att omvandla kontorslokalerna till bostäder, men anser att byggnadens kulturhistoriska värden måste säkerställas.", FN, D, "condition")
A("Nämnden delar uppfattningen att fler trygghetsboenden behövs, men ifrågasätter den föreslagna placeringen i Sköndal.", FA, D, "contrast")
A("Hässelby-Vällingby stadsdelsförvaltning anser att förslaget är ett steg i rätt riktning, även om det i flera delar behöver konkretiseras.", HV, D, "contrast")
A("Enskede-Årsta-Vantörs stadsdelsnämnd tillstyrker förslaget, med undantag för förslaget att flytta hemtjänstens lokaler till Gubbängen.", EA, D, "contrast")
A("Förvaltningen anser att den föreslagna modellen har förtjänster men att den ekonomiska kalkylen är bristfällig och måste ses över.", SP, D, "contrast")
A("Stockholms Stadshus AB har inga principiella invändningar mot förslaget, men förutsätter att bolagens avkastningskrav inte påverkas.", SHAB, D, "condition")
A("Utbildningsnämnden ställer sig bakom förslaget att utöka antalet platser i grundsärskolan, men avstyrker att det sker genom samlokalisering med gymnasieskolan.", UN, D, "contrast")
A("Nämnden bedömer att motionen delvis redan är besvarad genom pågående arbete, och tillstyrker i övrigt motionens förslag om fler lekplatser.", HA, D, "contrast")
A("Förvaltningen är i sak positiv men vill framhålla att förslaget förutsätter resurser som i dag inte finns i stadsdelsnämndens budget.", ST, D, "condition")
A("Nämnden stödjer förslaget att införa lokala trygghetsvärdar, men endast som en tidsbegränsad försöksverksamhet som utvärderas innan den eventuellt permanentas.", SO, D, "condition")
A("Förvaltningen tillstyrker planförslaget. Det är dock viktigt att den befintliga gångvägen mellan Hagsätra och Rågsved bevaras och att belysningen förbättras.", FA, D, "contrast")
A("Liljeholmens stadsdelsförvaltning är positiv till en ny förskola vid Trekanten men motsätter sig att den placeras inom strandskyddat område.", HL, D, "attribution")
A("Förvaltningen delar i huvudsak socialnämndens bedömning, men anser till skillnad från socialnämnden att ansvaret för uppsökande arbete bör ligga kvar lokalt.", NO, D, "other-body", O((SN, T)))
A("Kungsholmens stadsdelsnämnd tillstyrker förslaget, under förutsättning att tillgängligheten till Kungsholms strand för allmänheten inte försämras.", KU, D, "condition")
A("Förvaltningen är positiv till syftet med en gemensam lokalbank, men förslaget bör prövas steg för steg och inte införas i hela staden på en gång.", JA, D, "contrast")

# ---------------------------------------------------------------- neutral
A("Stadsdelsnämnden har inte något att erinra mot den föreslagna ändringen av detaljplanen för kvarteret Sjöjungfrun.", SO, N, "no-objection")
A("Skärholmens stadsdelsförvaltning lämnar inga synpunkter på förslaget till reviderade riktlinjer för färdtjänsten.", SK, N, "no-objection")
A("Nämnden finner inte anledning att motsätta sig ansökan.", HV, N, "no-objection")
A("Förvaltningen ser inga hinder mot att den föreslagna ändringen genomförs.", BR, N, "no-objection")
A("Farsta stadsdelsnämnd har ingen invändning mot att ansökan om serveringstillstånd beviljas.", FA, N, "no-objection")
A("Huruvida staden bör införa en sådan avgift är ytterst en politisk bedömning, och förvaltningen avstår därför från att ta ställning i sakfrågan.", EA, N, "non-stance")
A("Förvaltningen tar inte ställning till motionens förslag, eftersom det rör en fråga av principiell politisk karaktär.", KU, N, "non-stance")
A("Stadsdelsnämnden lämnar förslaget utan erinran.", ST, N, "no-objection")
A("Förvaltningen konstaterar att förslaget inte påverkar verksamheten i någon större utsträckning och har därför inga invändningar.", NO, N, "no-objection")
A("Hägersten–Älvsjö stadsdelsnämnd ser inte skäl att motsätta sig förslaget.", HA, N, "no-objection")
A("Bromma stadsdelsnämnd har inga erinringar mot förslaget.", BR, N, "no-objection")
A("Förvaltningen har inget att säga emot förslaget.", RK, N, "plain-language")
A("Förvaltningen tycker inte till om förslaget, eftersom det är politikerna som ska bestämma i den här frågan.", JA, N, "plain-language")
A("Nämnden har tagit del av förslaget och har inget att tillägga.", OS, N, "no-objection")
A("Ur förvaltningens perspektiv finns inget att invända mot den föreslagna gränsdragningen mellan nämnderna.", SP, N, "no-objection")
A("Trafiknämnden har inget att erinra mot att bygglov ges för den tillfälliga paviljongen.", TN, N, "no-objection")
A("Länsstyrelsen har inga ytterligare synpunkter i ärendet utöver dem som lämnades under samrådet.", LST, N, "no-objection")
A("Valet mellan de tre driftsalternativen är av politisk natur, och förvaltningen lämnar därför ingen rekommendation.", HL, N, "non-stance")
A("Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande, vilket innebär att nämnden inte har några invändningar mot förslaget.", FA, N, "procedural+stance")
A("Förvaltningen har gått igenom förslaget och bedömer att det saknas anledning att lämna några synpunkter.", AL, N, "no-objection")
A("Östermalms stadsdelsförvaltning har inget att anmärka på förslaget.", OS, N, "no-objection")
A("Stockholm Vatten och Avfall AB har inget att erinra mot planförslaget, då bolagets ledningar i området inte berörs.", SVOA, N, "no-objection")
A("Förvaltningen har ingen erinran mot att den föreslagna vägledningen antas.", SK, N, "no-objection")
A("Förslaget bedöms inte få några konsekvenser för nämndens verksamhet, varför nämnden inte har några synpunkter.", HV, N, "no-objection")
A("Nämnden konstaterar att frågan är en sak för kommunfullmäktige att avgöra och tar därför inte ställning.", SO, N, "non-stance")
A("Rinkeby-Kista stadsdelsnämnd har inget att invända mot den föreslagna ändringen.", RK, N, "no-objection")
A("Spånga–Tensta stadsdelsförvaltning har ingenting att invända mot förslaget, men vill upplysa om att en liknande verksamhet redan bedrivs på Tensta träff.", ST, N, "no-objection")
A("Den fråga som motionen väcker bör avgöras politiskt, och förvaltningen lämnar den därhän.", EA, N, "non-stance")
A("Förvaltningen har inte funnit skäl att invända mot förslaget.", HA, N, "no-objection")
A("Idrottsnämnden har inga invändningar mot förslaget till ny taxa för koloniträdgårdar.", IN, N, "no-objection")
A("Nämnden har ingen uppfattning i frågan.", NO, N, "non-stance")
A("Kungsholmens stadsdelsnämnd har inga kommentarer till förslaget.", KU, N, "no-objection")
A("Förvaltningen har inga åsikter om förslaget.", FA, N, "plain-language")
A("AB Svenska Bostäder har för sin del inget att erinra mot att tomträtten upplåts enligt förslaget.", SB, N, "no-objection")
A("Förvaltningen bedömer att det inte finns anledning att motsätta sig förslaget.", BR, N, "no-objection")
A("Enligt förvaltningens uppfattning föranleder remissen inga synpunkter från stadsdelsnämndens sida.", SK, N, "no-objection")
A("Norrmalms stadsdelsnämnd anser att ställningstagandet i frågan om avgiftsnivåerna ligger utanför förvaltningens uppdrag.", NO, N, "non-stance")
A("Förvaltningen saknar invändningar mot förslaget till ny lokalresursfördelning och överlämnar tjänsteutlåtandet som nämndens svar på remissen.", JA, N, "procedural+stance")
A("Det är upp till kommunfullmäktige att avgöra om staden ska ansöka om medlemskap i nätverket; förvaltningen har därför ingen synpunkt i den delen.", HV, N, "non-stance")
A("Exploateringsnämnden har inga invändningar mot den föreslagna fastighetsregleringen.", EN, N, "no-objection")
A("Den föreslagna ändringen av de lokala ordningsföreskrifterna föranleder inga kommentarer från Skärholmens stadsdelsnämnd.", SK, N, "no-objection")
A("Katarina-Sofia stadsdelsnämnd har ingen erinran mot förslaget.", SO, N, "attribution")
A("Nämnden finner inte skäl att ha några synpunkter på den del av betänkandet som behandlar kommunernas ansvar, och har i övrigt inget att invända.", EA, N, "no-objection")
A("Förvaltningen lämnar inga synpunkter på förslaget men bifogar, för kännedom, en sammanställning av stadsdelens nuvarande verksamhet på området.", RK, N, "no-objection")
A("Farsta stadsdelsförvaltning konstaterar att förslaget saknar betydelse för stadsdelens verksamheter och har därför inte något att invända.", FA, N, "no-objection")

# ---------------------------------------------------------------- avstår
A("Då remissen främst rör statliga myndigheters verksamhet avstår Farsta stadsdelsnämnd från att lämna något yttrande.", FA, AS, "abstain")
A("Stadsdelsnämnden lämnar remissen utan yttrande.", SK, AS, "abstain")
A("Nämnden har beslutat att inte besvara remissen.", BR, AS, "abstain")
A("Förvaltningen föreslår att nämnden avstår från att svara på remissen, då frågan redan har behandlats av kommunstyrelsen.", EA, AS, "abstain")
A("Skärholmens stadsdelsnämnd avstår yttrande.", SK, AS, "abstain")
A("Mot bakgrund av att ärendet saknar direkt koppling till stadsdelens verksamheter väljer förvaltningen att inte lämna något remissvar.", HV, AS, "abstain")
A("Södermalms stadsdelsnämnd har inte funnit anledning att yttra sig över förslaget.", SO, AS, "abstain")
A("Ärendet berör inte Bromma stadsdelsområde och förvaltningen lämnar därför inget yttrande.", BR, AS, "abstain")
A("Förvaltningen svarar inte på remissen eftersom den inte handlar om stadsdelen.", OS, AS, "plain-language")
A("Trafiknämnden avstår från att besvara remissen.", TN, AS, "abstain")
A("Nämnden avböjer att yttra sig över remissen.", KU, AS, "abstain")
A("Hägersten-Liljeholmens stadsdelsnämnd har valt att inte lämna något yttrande över betänkandet.", HL, AS, "abstain")
A("Eftersom förslaget gäller förhållandena i skärgårdskommunerna avstår Östermalms stadsdelsnämnd från att yttra sig.", OS, AS, "abstain")
A("Remissen lämnas utan yttrande från förvaltningens sida.", NO, AS, "abstain")
A("Nämnden beslutar att inte yttra sig över remissen.", AL, AS, "procedural+stance")
A("Förvaltningen gör bedömningen att remissen ligger utanför stadsdelsnämndens uppdrag och väljer därför att avstå.", RK, AS, "abstain")
A("Kulturnämnden har beslutat att avstå från att lämna synpunkter på remissen.", KN, AS, "abstain")
A("Farsta stadsdelsnämnd avstår från att besvara remissen med hänvisning till den korta svarstiden.", FA, AS, "abstain")
A("Med hänsyn till att frågan i första hand berör Region Stockholm avstår nämnden från att ta ställning och lämnar inget remissvar.", SP, AS, "abstain")
A("Järva stadsdelsnämnd har beslutat att inte lämna något yttrande i detta ärende.", JA, AS, "abstain")
A("Nämnden avstår från att yttra sig men överlämnar förvaltningens tjänsteutlåtande till stadsbyggnadsnämnden för kännedom.", HA, AS, "procedural+stance")
A("Stadsdelsnämnden väljer att inte svara på remissen, eftersom de frågor som tas upp saknar relevans för nämndens verksamhet.", ST, AS, "abstain")
A("Förvaltningen har bestämt att inte svara på remissen.", EA, AS, "plain-language")
A("Enskede-Årsta-Vantörs stadsdelsnämnd avstår från yttrande.", EA, AS, "abstain")
A("Region Stockholm avstår från att yttra sig över planförslaget.", RS, AS, "abstain")
A("Förvaltningen har inte för avsikt att besvara remissen, då den inte berör några verksamheter inom stadsdelsområdet.", KU, AS, "abstain")
A("Stockholms Stadshus AB avstår från att yttra sig och hänvisar till de berörda dotterbolagens egna svar.", SHAB, AS, "abstain")
A("Då ärendet saknar beröringspunkter med Spånga-Tenstas verksamheter avstår förvaltningen från att yttra sig.", ST, AS, "abstain")
A("Förvaltningen föreslår att stadsdelsnämnden inte yttrar sig över remissen.", SO, AS, "abstain")
A("Nämnden besvarar inte remissen.", HV, AS, "abstain")
A("Kungsholmens stadsdelsförvaltning avstår från att avge yttrande över promemorian.", KU, AS, "abstain")
A("Ärendet bedöms inte beröra Hässelby-Vällingbys verksamheter i sådan grad att ett yttrande är motiverat, och nämnden avstår därför.", HV, AS, "abstain")
A("Fastighetsnämnden avstår från att lämna remissvar.", FN, AS, "abstain")
A("Norra innerstadens stadsdelsnämnd har beslutat att inte besvara remissen om ny vägledning för uteserveringar.", NI, AS, "abstain")
A("Förvaltningen noterar att remissen i huvudsak riktar sig till regionens verksamheter och avstår därmed från yttrande.", FA, AS, "abstain")
A("Förvaltningen skriver inget svar på remissen eftersom frågan inte gäller stadsdelens verksamheter.", SK, AS, "plain-language")
A("Stadsdelsnämnden har efter genomgång av remisshandlingarna beslutat att avstå från att yttra sig.", NO, AS, "abstain")
A("Inget yttrande lämnas av nämnden i detta ärende.", RK, AS, "abstain")
A("Miljöförvaltningen har inte bedömt det som nödvändigt att yttra sig i ärendet och lämnar därför inget svar.", MHN, AS, "abstain")
A("Förvaltningen har valt att avstå från att besvara remissen eftersom nämnden redan yttrat sig i ett tidigare skede av processen.", JA, AS, "abstain")
A("Farsta stadsdelsförvaltning har avstått från att yttra sig.", FA, AS, "abstain")
A("Den aktuella remissen besvaras inte av Hägersten-Älvsjö stadsdelsnämnd.", HA, AS, "abstain")
A("Älvsjö stadsdelsnämnd har valt att inte yttra sig över förslaget, då det inte berör nämndens ansvarsområde.", HA, AS, "attribution")
A("Stadsdelsnämnden beslutar att lämna remissen från stadsbyggnadsnämnden obesvarad.", SP, AS, "procedural+stance")

# ---------------------------------------------------------------- oklart
A("Farsta stadsdelsnämnd beslutar att som svar på remissen översända förvaltningens tjänsteutlåtande till stadsbyggnadsnämnden.", FA, OK, "procedural")
A("Paragrafen förklaras omedelbart justerad.", SK, OK, "procedural")
A("Nämnden beslutar att godkänna tjänsteutlåtandet och överlämna det till trafiknämnden.", HA, OK, "procedural")
A("Förvaltningens förslag till beslut: Stadsdelsnämnden godkänner förvaltningens svar på remissen och översänder det till kommunstyrelsen.", EA, OK, "procedural")
A("Ärendet har remitterats till stadsdelsnämnden för yttrande senast den 15 oktober 2016.", BR, OK, "background")
A("Remissen inkom till förvaltningen den 3 februari och svar ska lämnas senast den 30 april.", KU, OK, "background")
A("Motionären föreslår att staden inrättar en kommunal badplats vid Magelungen.", FA, OK, "motion-speaks")
A("I motionen föreslås att samtliga stadsdelsnämnder ska ta fram lokala handlingsplaner mot ofrivillig ensamhet bland äldre.", HV, OK, "motion-speaks")
A("Syftet med förslaget är att förenkla handläggningen av bygglov för mindre tillbyggnader.", HA, OK, "background")
A("Trafiknämnden avstyrker förslaget om en ny trafikplats vid Farstaleden.", FA, OK, "other-body", O((TN, AV)))
A("Stadsbyggnadsnämnden har tidigare tillstyrkt ett likartat planförslag för området.", SK, OK, "other-body", O((SBN, T)))
A("Nämnden avstyrkte år 2018 ett liknande förslag om att flytta äldreboendet till Kärrtorp.", SP, OK, "earlier-decision")
A("Stadsdelsnämnden beslutade i december 2015 att tillstyrka en motion med delvis samma innehåll.", RK, OK, "earlier-decision")
A("Kostnaden för att genomföra förslaget beräknas till cirka 2,5 miljoner kronor per år.", SO, OK, "cost")
A("Förslaget bedöms inte medföra några ekonomiska konsekvenser för nämnden.", NO, OK, "cost")
A("Förvaltningen har under våren genomfört en dialog med boende i Hökarängen om hur parken ska utformas.", FA, OK, "background")
A("Utredningen föreslår att kommunerna får ett tydligare ansvar för det förebyggande arbetet mot spelmissbruk.", SN, OK, "motion-speaks")
A("Beslutet innebär att kommunfullmäktige avslår motionen.", JA, OK, "background")
A("Kommunstyrelsen föreslår att kommunfullmäktige beslutar att motionen ska anses besvarad.", SK, OK, "background")
A("Miljö- och hälsoskyddsnämnden delar motionärens uppfattning att bullret längs Ringvägen behöver åtgärdas.", SO, OK, "other-body", O((MHN, T)))
A("Enligt trafikkontoret saknas det i dag skäl att bygga om korsningen vid Älvsjö station.", HA, OK, "other-body", O(("Trafikkontoret", AV)))
A("Förslaget handlar om att göra det lättare för äldre att få en plats på ett vård- och omsorgsboende.", EA, OK, "plain-language")
A("Förvaltningen har inhämtat synpunkter från stadsdelens förskolor och fritidsgårdar inför yttrandet.", ST, OK, "background")
A("Ärendet har behandlats i samverkan med de fackliga organisationerna enligt stadens samverkansavtal.", KU, OK, "procedural")
A("Motionärerna anser att stadsdelsnämnderna bör få ett större ansvar för trafiksäkerheten kring skolorna.", BR, OK, "motion-speaks")
A("Förslaget innebär att avgiften för kolonilotter höjs med 15 procent från och med 2021.", IN, OK, "background")
A("Stadsledningskontoret föreslår i sitt tjänsteutlåtande att motionen avslås.", BR, OK, "other-body", O((SLK, AV)))
A("I budget 2020 gav kommunfullmäktige stadsdelsnämnderna i uppdrag att utveckla arbetet med sociala insatsgrupper.", JA, OK, "background")
A("Remissen omfattar förslag till ändringar i plan- och bygglagen samt i förordningen om miljöfarlig verksamhet.", SBN, OK, "background")
A("Motionären föreslår att staden inte ska gå vidare med planerna på en ny bussdepå i Skarpnäck.", SP, OK, "motion-speaks")
A("Förvaltningen har tidigare, i yttrandet över trafikplanen 2017, framfört att gångstråket i Vårberg behöver bättre belysning.", SK, OK, "earlier-decision")
A("Skarpnäcks stadsdelsnämnd tillstyrker förslaget om en gemensam simhall för Farsta och Skarpnäck.", FA, OK, "other-body", O((SP, T)))
A("Hägersten-Älvsjö stadsdelsnämnd avstyrker förslaget om ändrad stadsdelsgräns mot Skärholmen.", SK, OK, "other-body", O((HA, AV)))
A("Farsta stadsdelsnämnd har inget att erinra.", EA, OK, "other-body", O((FA, N)))
A("Förslaget remitterades den 12 maj 2014 till samtliga stadsdelsnämnder.", HL, OK, "background")
A("Ärendet avser Motion (2016:41) om fler fritidsgårdar i ytterstaden.", HV, OK, "background")
A("Nämnden fick vid sammanträdet i augusti 2019 muntlig information om förslaget.", HA, OK, "procedural")
A("Förvaltningen beräknar att en utökning av öppettiderna skulle kosta omkring 400 000 kronor per år.", NO, OK, "cost")
A("Genomförandet av förslaget ska finansieras inom ramen för den befintliga budgeten.", EA, OK, "cost")
A("Politikerna i nämnden ska nu bestämma vad de tycker om förslaget.", JA, OK, "plain-language")
A("Förvaltningen redogör nedan för hur verksamheten i dag arbetar med frågan.", SK, OK, "background")
A("Stadsdelsnämndens ordförande anmälde jäv och deltog inte i handläggningen av ärendet.", SK, OK, "procedural")
A("Reservation anfördes av ledamöterna från Moderaterna, som ville att nämnden skulle avstyrka förslaget.", FA, OK, "party-reservation")
A("Vice ordföranden yrkade bifall till förvaltningens förslag till beslut.", SO, OK, "procedural")
A("Särskilt uttalande gjordes av Vänsterpartiets ledamot.", RK, OK, "procedural")
A("Ordföranden ställde proposition på de två förslagen och fann att nämnden beslutat enligt förvaltningens förslag.", BR, OK, "procedural")
A("Enligt Länsstyrelsen i Stockholms län bör planen kompletteras med en riskutredning avseende transporter av farligt gods.", FA, OK, "other-body", O((LST, D)))
A("Förvaltningen har i uppdrag att senast i juni 2022 redovisa en lokal plan för trygghetsarbetet.", NI, OK, "background")
A("Den 1 januari 2020 slogs Hägersten-Liljeholmens och Älvsjö stadsdelsnämnder samman till Hägersten-Älvsjö stadsdelsnämnd.", HA, OK, "background")
A("Förvaltningen föreslår att nämnden beslutar enligt nedan.", FA, OK, "procedural")
A("Remissen besvaras av nämnden genom detta tjänsteutlåtande.", OS, OK, "procedural")
A("Enligt motionen skulle avgiftsfri kollektivtrafik för pensionärer öka de äldres rörlighet och minska ensamheten.", AL, OK, "motion-speaks")
A("Bilaga 1: Remiss från kommunstyrelsen, Förslag till strategi för ett åldersvänligt Stockholm.", HV, OK, "background")
A("Frågan har tidigare behandlats av nämnden, som då ställde sig bakom förvaltningens förslag att utreda saken vidare.", KU, OK, "earlier-decision")
A("Nämnden tillstyrkte hösten 2016 den första versionen av programmet.", SO, OK, "earlier-decision")
A("Förslaget beräknas medföra ökade kostnader för stadsdelsnämnderna om sammanlagt cirka tolv miljoner kronor, vilket inte har beaktats i budgeten.", SK, OK, "cost")
A("Utbildningsnämnden välkomnar förslaget och ser det som ett viktigt led i arbetet med skolans kompensatoriska uppdrag.", JA, OK, "other-body", O((UN, T)))
A("Förvaltningen har, i enlighet med nämndens beslut den 21 mars 2019, påbörjat arbetet med en ny lokalplan.", FA, OK, "earlier-decision")
A("Den nya stadsdelsnämnden Järva bildades den 1 juli 2023 genom en sammanslagning av Rinkeby-Kista och Spånga-Tensta.", JA, OK, "background")
A("Programmet syftar till att minska antalet vräkningar av barnfamiljer och ska följas upp årligen.", SN, OK, "background")
A("Socialnämnden har i sitt yttrande framhållit att förslaget bör genomföras i nära samverkan med stadsdelsnämnderna.", HV, OK, "other-body", O((SN, T)))
A("Nämnden hade inte beslutat om remissvaret vid tidpunkten för kommunstyrelsens beredning.", ST, OK, "background")
A("Detaljplanen har varit ute på samråd mellan den 4 och den 29 september.", SBN, OK, "background")

# ---------------------------------------------------------------- summary-many
A("Ärendet har remitterats till stadsledningskontoret, trafiknämnden samt Farsta och Skärholmens stadsdelsnämnder.", FA, OK, "summary-many",
  O((SLK, OK), (TN, OK), (FA, OK), (SK, OK)))
A("Farsta och Skärholmens stadsdelsnämnder tillstyrker förslaget, medan trafiknämnden avstyrker det.", SK, T, "summary-many",
  O((FA, T), (SK, T), (TN, AV)))
A("Stadsledningskontoret, utbildningsnämnden och Södermalms stadsdelsnämnd ställer sig bakom förslagets inriktning, men efterfrågar en tydligare tidsplan för genomförandet.", UN, D, "summary-many",
  O((SLK, D), (UN, D), (SO, D)))
A("De återstående remissinstanserna har inte haft några invändningar.", BR, OK, "summary-many")
A("Samtliga remissinstanser utom Hässelby-Vällingby och Spånga-Tensta stadsdelsnämnder har inkommit med svar.", BR, OK, "summary-many",
  O((HV, "ej_svar"), (ST, "ej_svar")))
A("Hägersten-Liljeholmens stadsdelsnämnd har inte inkommit med något svar.", SK, OK, "summary-many",
  O((HL, "ej_svar")))
A("Stadsbyggnadsnämnden, exploateringsnämnden och Stockholm Vatten och Avfall AB har inget att erinra, medan Länsstyrelsen i Stockholms län anser att planen behöver kompletteras med en dagvattenutredning.", EN, N, "summary-many",
  O((SBN, N), (EN, N), (SVOA, N), (LST, D)))
A("Remissinstanserna är i huvudsak positiva till programmet; Kungsholmens och Norrmalms stadsdelsnämnder framhåller dock behovet av fler förskoleplatser i innerstaden.", NO, D, "summary-many",
  O((KU, D), (NO, D)))
A("Idrottsnämnden och kulturnämnden välkomnar förslaget. Fastighetsnämnden avstyrker med hänvisning till de ökade lokalkostnaderna.", KN, T, "summary-many",
  O((IN, T), (KN, T), (FN, AV)))
A("Enskede-Årsta-Vantörs, Farsta och Skarpnäcks stadsdelsnämnder avstyrker motionen, medan Södermalms stadsdelsnämnd har valt att inte yttra sig.", SO, AS, "summary-many",
  O((EA, AV), (FA, AV), (SP, AV), (SO, AS)))
A("Socialnämnden och samtliga stadsdelsnämnder som yttrat sig delar motionärens uppfattning att boendestödet bör byggas ut.", FA, OK, "summary-many",
  O((SN, T)))
A("Trafiknämnden och Trafikverket tillstyrker förslaget om en ny påfartsramp, under förutsättning att bullerskyddet längs Skärholmsvägen förbättras. Region Stockholm har inget att erinra.", TV, D, "summary-many",
  O((TN, D), (TV, D), (RS, N)))
A("Farsta, Skärholmens och Hägersten-Älvsjö stadsdelsnämnder tillstyrker förslaget.", HA, T, "summary-many",
  O((FA, T), (SK, T), (HA, T)))
A("Av de tillfrågade stadsdelsnämnderna har Bromma och Hässelby-Vällingby avstyrkt förslaget, medan Spånga-Tensta tillstyrkt det. Rinkeby-Kista stadsdelsnämnd har inte besvarat remissen.", ST, T, "summary-many",
  O((BR, AV), (HV, AV), (ST, T), (RK, "ej_svar")))
A("Samtliga remissinstanser utom AB Svenska Bostäder har besvarat remissen.", SHAB, OK, "summary-many",
  O((SB, "ej_svar")))
A("Miljö- och hälsoskyddsnämnden, stadsbyggnadsnämnden och Östermalms stadsdelsnämnd är positiva till förslaget men anser att tillgänglighetsfrågorna behöver belysas ytterligare. Stadsledningskontoret avstår från att yttra sig.", SLK, AS, "summary-many",
  O((MHN, D), (SBN, D), (OS, D), (SLK, AS)))
A("Remissinstanserna är överlag kritiska till förslaget.", FA, OK, "summary-many")
A("Norra innerstadens stadsdelsnämnd delar bedömningen i förslaget. Järva stadsdelsnämnd avstyrker, och Södermalms stadsdelsnämnd har inte yttrat sig inom svarstiden.", JA, AV, "summary-many",
  O((NI, T), (JA, AV), (SO, "ej_svar")))
A("Kommunstyrelsen har remitterat ärendet till Skärholmens, Farsta och Enskede-Årsta-Vantörs stadsdelsnämnder, som samtliga har tillstyrkt.", FA, T, "summary-many",
  O((SK, T), (FA, T), (EA, T)))
A("Under samrådet har yttranden inkommit från Länsstyrelsen, Trafikverket och Hägersten-Liljeholmens stadsdelsnämnd. Ingen av dessa har haft några invändningar mot planens huvuddrag.", HL, N, "summary-many",
  O((LST, N), (TV, N), (HL, N)))
A("Skärholmens stadsdelsnämnd tillstyrker förslaget om en ny idrottshall i Bredäng, medan idrottsnämnden anser att hallen hellre bör placeras i Sätra.", SK, T, "summary-many",
  O((SK, T), (IN, D)))
A("Stockholm Vatten och Avfall AB och Stockholms Stadshus AB har avstått från att lämna synpunkter.", SVOA, AS, "summary-many",
  O((SVOA, AS), (SHAB, AS)))
A("Övriga remissinstanser har lämnat förslaget utan erinran.", HV, OK, "summary-many")
A("Utbildningsnämnden och socialnämnden instämmer i utredningens förslag, medan Farsta stadsdelsnämnd anser att förslaget bör avslås.", FA, AV, "summary-many",
  O((UN, T), (SN, T), (FA, AV)))
A("Av tretton tillfrågade stadsdelsnämnder har elva svarat. Bromma och Östermalms stadsdelsnämnder har inte svarat.", EA, OK, "summary-many",
  O((BR, "ej_svar"), (OS, "ej_svar")))
A("Fastighetsnämnden tillstyrker förslaget i de delar som rör nya lokaler, medan exploateringsnämnden är negativ till den föreslagna markanvisningen.", EN, AV, "summary-many",
  O((FN, D), (EN, AV)))
A("Samtliga stadsdelsnämnder som besvarat remissen ställer sig bakom förslaget, liksom stadsledningskontoret.", SLK, T, "summary-many",
  O((SLK, T)))
A("Region Stockholm och Trafikverket har inga erinringar mot detaljplanen för Sätra varv. Länsstyrelsen i Stockholms län har inte hörts av.", RS, N, "summary-many",
  O((RS, N), (TV, N), (LST, "ej_svar")))
A("Maria-Gamla stans och Katarina-Sofia stadsdelsnämnder tillstyrker förslaget till nytt program för Slussen, men betonar vikten av att kajerna hålls tillgängliga för allmänheten.", SO, D, "summary-many",
  O((MG, D), (KS_, D)))
A("Utbildningsnämnden, socialnämnden och äldrenämnden har ställt sig bakom förslaget, medan Skärholmens och Farsta stadsdelsnämnder inte har något att erinra.", SK, N, "summary-many",
  O((UN, T), (SN, T), (ALDN, T), (SK, N), (FA, N)))
A("Av remissvaren framgår att Hässelby-Vällingby stadsdelsnämnd är positiv till idén men vill avvakta den pågående utvärderingen, medan Bromma stadsdelsnämnd tillstyrker utan förbehåll.", HV, D, "summary-many",
  O((HV, D), (BR, T)))
A("Stadsbyggnadsnämnden avstyrker förslaget. Trafiknämnden och miljö- och hälsoskyddsnämnden tillstyrker det.", SO, OK, "summary-many",
  O((SBN, AV), (TN, T), (MHN, T)))
A("Motionen har remitterats till idrottsnämnden och Enskede-Årsta-Vantörs stadsdelsnämnd. Idrottsnämnden tillstyrker motionen, medan stadsdelsnämnden har avstått från att yttra sig.", EA, AS, "summary-many",
  O((IN, T), (EA, AS)))
A("Södermalms och Farsta stadsdelsnämnder avstyrker motionen, medan Skärholmens stadsdelsnämnd tillstyrker den.", FA, AV, "summary-many",
  O((SO, AV), (FA, AV), (SK, T)))
A("Trafikverket delar stadens uppfattning om behovet av en ny anslutning. Länsstyrelsen framhåller att riksintresset för kulturmiljövården måste beaktas, men har i övrigt inget att erinra.", LST, D, "summary-many",
  O((TV, T), (LST, D)))
A("Remissen har besvarats av samtliga instanser. Utbildningsnämnden, idrottsnämnden och Norrmalms stadsdelsnämnd är positiva, medan kulturnämnden avstyrker.", OS, OK, "summary-many",
  O((UN, T), (IN, T), (NO, T), (KN, AV)))
A("Stadsledningskontoret och Stockholms Stadshus AB instämmer i motionärens intentioner men bedömer att frågan bör hanteras i ett senare skede, när den pågående utredningen är klar.", SHAB, D, "summary-many",
  O((SLK, D), (SHAB, D)))
A("Bromma, Kungsholmens och Hässelby–Vällingby stadsdelsnämnder har inte några synpunkter på förslaget.", KU, N, "summary-many",
  O((BR, N), (KU, N), (HV, N)))
A("Järva stadsdelsnämnd och socialnämnden tillstyrker; Norra innerstadens stadsdelsnämnd har inte inkommit med yttrande.", JA, T, "summary-many",
  O((JA, T), (SN, T), (NI, "ej_svar")))
A("Sammanfattningsvis är Farsta, Skarpnäcks och Älvsjö stadsdelsnämnder positiva till förslaget, medan Liljeholmens stadsdelsnämnd avstyrker det och Hägerstens stadsdelsnämnd lämnar det utan erinran.", AL, T, "summary-many",
  O((FA, T), (SP, T), (AL, T), (LI, AV), (HG, N)))
A("Idrottsnämnden har inte besvarat remissen. Övriga instanser tillstyrker förslaget.", FA, OK, "summary-many",
  O((IN, "ej_svar")))
A("Trafiknämnden tillstyrker förslaget. Södermalms stadsdelsnämnd avstyrker förslaget om att stänga Götgatan för biltrafik men tillstyrker övriga delar.", SO, D, "summary-many",
  O((TN, T), (SO, D)))
A("Av remissammanställningen framgår att de flesta remissinstanser, däribland Skärholmens stadsdelsnämnd och fastighetsnämnden, avstyrker förslaget.", FN, AV, "summary-many",
  O((SK, AV), (FN, AV)))
A("Stadsbyggnadskontoret och trafikkontoret har lämnat ett gemensamt svar, i vilket förslaget tillstyrks.", TN, T, "summary-many",
  O(("Stadsbyggnadskontoret", T), ("Trafikkontoret", T)))
A("Farsta stadsdelsnämnd, Skarpnäcks stadsdelsnämnd och Enskede-Årsta-Vantörs stadsdelsnämnd har samtliga avstått från att yttra sig, eftersom förslaget främst berör innerstaden.", SP, AS, "summary-many",
  O((FA, AS), (SP, AS), (EA, AS)))
A("Kungsholmens och Östermalms stadsdelsnämnder tillstyrker, Norrmalms stadsdelsnämnd avstyrker och Södermalms stadsdelsnämnd har inget att erinra.", None, OK, "summary-many",
  O((KU, T), (OS, T), (NO, AV), (SO, N)))
A("Flertalet remissinstanser ställer sig i stort sett bakom förslaget. Socialnämnden och Rinkeby-Kista stadsdelsnämnd anser dock att konsekvenserna för ensamkommande ungdomar behöver analyseras ytterligare.", RK, D, "summary-many",
  O((SN, D), (RK, D)))
A("Spånga-Tensta stadsdelsnämnd och Region Stockholm har inga invändningar. Trafikverket avstyrker förslaget om en ny trafikplats vid Hjulsta.", TV, AV, "summary-many",
  O((ST, N), (RS, N), (TV, AV)))

# ---------------------------------------------------------------- hand-damaged OCR items
A("Forvaltningen tillstvrker förslaget till ny parkeringspolicy för ytterstaden.", HV, T, "verb-tense", ocr=True)
A("Nämnden stäl- ler sig bakom förslaget om ett utökat samarbete med polisen kring Farsta centrum.", FA, T, "verb-tense", ocr=True)
A("Stadsdelsnamnden stöder motionens intentioner och anser att den bor bifallas.", ST, T, "verb-tense", ocr=True)
A("Forvaltningen valkomnar forslaget om fler offentliga toaletter i parkerna.", SO, T, "verb-tense", ocr=True)
A("Hässelby-Vällingby stadsdelsnämnd tillstyr ker motionen och skickar yttrandet vidare till kommun- styrelsen.", HV, T, "procedural+stance", ocr=True)
A("Sk:irholmens stadsdelsnämnd stöd jer förslaget i sin helhet.", SK, T, "verb-tense", ocr=True)
A("Förvaltningen fOrordar att den nya förskolan byggs i anslutning till Hagsätra bollplan.", FA, T, "verb-tense", ocr=True)
A("Namnden avstvrker forslaget.", KU, AV, "verb-tense", ocr=True)
A("Forvaltningen anser att motionen bor avslas.", SK, AV, "negated-evaluation", ocr=True)
A("Hagersten-Alvsjo stadsdelsnamnd avstyr- ker motionen.", HA, AV, "verb-tense", ocr=True)
A("Nämnden motsatter sig den foreslagna nedlaggningen av fritidsgarden i Bagarmossen.", SP, AV, "verb-tense", ocr=True)
A("Sodermalms stadsdelsnamnd avrader fran forslaget.", SO, AV, "verb-tense", ocr=True)
A("Förvaltningen ser ingen anledning att inf6ra den foreslagna ordningen.", EA, AV, "negated-evaluation", ocr=True)
A("Forvaltningen stdller sig bakom forslaget men vill lvfta fram nagra synpunkter rorande finansieringen.", BR, D, "contrast", ocr=True)
A("Nämnden tillstyrker förs laget under forutsattning att lokalfragan lo- ses.", RK, D, "condition", ocr=True)
A("Stadsdelsnämnden ar positiv till fOrslaget, dock bör samrad ske med de lokala foreningarna.", JA, D, "contrast", ocr=True)
A("Förvaltningen tillstyrker i huvudsak förslaget, men anser att kapitlet om brand- skydd behöver omarbetas.", OS, D, "contrast", ocr=True)
A("Nämnden har inget att erin- ra mot forslaget till ny lokal ordningsföreskrift.", AL, N, "no-objection", ocr=True)
A("Forvaltningen har inga invandningar mot den foreslagna namnandringen.", NO, N, "no-objection", ocr=True)
A("Stads- delsnamnden har ingen erinran mot forslaget.", SP, N, "no-objection", ocr=True)
A("Namnden finner inte skal att invanda mot andringen.", HL, N, "no-objection", ocr=True)
A("Forvaltningen har ingen erinran.", FA, N, "no-objection", ocr=True)
A("Namnden avstar fran att yttra sig.", KU, AS, "abstain", ocr=True)
A("Stadsdelsforvaltningen har valt att inte besvara remis- sen.", SK, AS, "abstain", ocr=True)
A("Forvaltningen avstdr fran att lamna yttrande over remissen.", OS, AS, "abstain", ocr=True)
A("Nämnden lamnar remis sen utan yttrande.", HA, AS, "abstain", ocr=True)
A("Skärholmens stadsdels- nämnd avstår fran att besvara remis sen.", SK, AS, "abstain", ocr=True)
A("Namnden godkanner forvaltningens forslag till svar och over- lamnar det till stadsledningskontoret.", SO, OK, "procedural", ocr=True)
A("Motionaren foreslar att parkeringsavgifterna i Farsta centrum slo- pas.", FA, OK, "motion-speaks", ocr=True)
A("Ovriga remissinstanser har inga synpunk- ter pa forslaget.", KU, OK, "summary-many", ocr=True)
A("Skarholmens, Farsta och Hagersten-Alvsjo stadsdelsnamnder tillstvrker samtliga forslaget om nya lekplatser.", FA, T, "summary-many",
  O((SK, T), (FA, T), (HA, T)), ocr=True)
A("Sodermalms och Farsta stadsdelsnamnder avstvrker forslaget om nedlaggning av Iokalbiblioteken, medan Skarholmens stadsdelsnamnd tillstyrker det.", SK, T, "summary-many",
  O((SO, AV), (FA, AV), (SK, T)), ocr=True)
A("Trafiknamnden tillstyrker forslaget.", FA, OK, "other-body", O((TN, T)), ocr=True)

# ---------------------------------------------------------------- automatic OCR damage on a further share
def damage(text, rng):
    kinds = rng.sample(["strip", "dmis", "yv", "hyph", "space", "capO"], k=2)
    t = text
    for k in kinds:
        if k == "strip":
            t = t.translate(str.maketrans({"å": "a", "ä": "a", "ö": "o", "Ä": "A", "Ö": "O", "Å": "A"}))
        elif k == "dmis":
            out = []
            for ch in t:
                if ch == "ä" and rng.random() < 0.5:
                    ch = rng.choice(["d", "é", "a"])
                elif ch == "å" and rng.random() < 0.5:
                    ch = rng.choice(["a", "à"])
                elif ch == "ö" and rng.random() < 0.5:
                    ch = rng.choice(["o", "6", "ó"])
                out.append(ch)
            t = "".join(out)
        elif k == "yv":
            t = t.replace("tillstyrk", "tillstvrk").replace("avstyrk", "avstvrk").replace("yttra", "vttra").replace("synpunkt", "svnpunkt")
        elif k == "hyph":
            words = t.split(" ")
            idx = [i for i, w in enumerate(words) if len(w) >= 9 and w.isalpha()]
            if idx:
                i = rng.choice(idx)
                w = words[i]
                c = rng.randint(3, len(w) - 3)
                words[i] = w[:c] + "- " + w[c:]
            t = " ".join(words)
        elif k == "space":
            words = t.split(" ")
            if len(words) > 3:
                i = rng.randrange(len(words) - 1)
                if rng.random() < 0.5:
                    words[i] = words[i] + words[i + 1]
                    del words[i + 1]
                else:
                    w = words[i]
                    if len(w) > 5:
                        c = rng.randint(2, len(w) - 2)
                        words[i] = w[:c] + " " + w[c:]
            t = " ".join(words)
        elif k == "capO":
            t = t.replace("ö", "O", 1) if "ö" in t else t.replace("ä", "d", 1)
    return t

rng = random.Random(20240611)
target = round(0.21 * len(ITEMS))
have = sum(1 for it in ITEMS if it["ocr"])
cands = [it for it in ITEMS if not it["ocr"]]
rng.shuffle(cands)
for it in cands[: max(0, target - have)]:
    new = damage(it["text"], rng)
    if new != it["text"]:
        it["text"] = new
        it["ocr"] = True

rng.shuffle(ITEMS)
with open("/work/blind/positions_blind1.jsonl", "w", encoding="utf-8") as f:
    for i, it in enumerate(ITEMS, 1):
        rec = {"id": f"b1-{i:03d}", "text": it["text"], "body": it["body"], "label": it["label"],
               "family": it["family"], "ocr": it["ocr"], "others": it["others"]}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
print(len(ITEMS))
