"""The demo reports' texts, in Swedish; each report lists only the sections it changes.

Dates are written "{E-11}", a day relative to an anchor that reports.Days turns into e.g.
"3 mars": E the Monday of the extra report, L the latest published report, P the workday
before it, T today; "{E-4~E-3}" is a range.
"""

from textwrap import dedent
from typing import Any

SUMMARY = "Sammanfattande lägesbild"
COMMENT = "Verksamhetens kommentar"
COMMS = "Kommunikativ lägesbild"
ACTIONS = "Kommunikativa åtgärder, urval"

SPOKESPERSON = "Talesperson VGR"
ABOUT_STAFF_HEADING = "Om Samordning vårdinformationssystem"
ABOUT_STAFF = (
    "Den regionala samordningsstaben leds av stabschefen och samlar hälso- och sjukvården, "
    "IT, HR, ekonomi och kommunikation. Staben samordnar regionens arbete under pausen i "
    "införandet av det nya vårdinformationssystemet: en gemensam lägesbild, erfarenheter "
    "från medarbetarna och underlag för beslut om vägval. Staben möts måndag, onsdag och "
    "fredag."
)
# The real report ends with a bold line about the report and an italic footer.
ABOUT = (
    "**Om Regional rapport Samordning vårdinformationssystem**\n\n"
    "Rapporten ger en samlad bild av läget under pausen i införandet av det nya "
    "vårdinformationssystemet. Den ges ut efter stabens möten, normalt en till två gånger i "
    "veckan, och som extra rapport vid allvarliga händelser. Tidigare rapporter finns i "
    "[rapportarkivet](https://intranat.example/vardinformationssystem/rapporter)."
)
FOOTER = (
    "*Rapporten sammanställs av stabens kommunikationsfunktion och skickas till politisk "
    "ledning, förvaltningschefer och stabens medlemmar.*"
)

INTRANET = "https://intranat.example/vardinformationssystem"
FAQ = f"{INTRANET}/fragor-och-svar"

# (day, channel, title, url, description)
COMMUNICATION_ACTIONS = [
    (
        "E-11",
        "intranet",
        "Regionstyrelsen har beslutat att pausa införandet av nytt vårdinformationssystem",
        "https://intranat.example/nyheter/paus-i-inforandet-av-vardinformationssystem",
        "Nyhet med beslutet, vad det betyder för medarbetarna och länk till frågor och svar.",
    ),
    (
        "E-11",
        "press",
        "Pressmeddelande: Regionen pausar införandet av nytt vårdinformationssystem",
        "https://www.example.se/press/regionen-pausar-inforandet",
        "Skickat till medier efter regionstyrelsens extra sammanträde.",
    ),
    (
        "E-10",
        "email",
        "Chefsbrev 1: Så går återgången till det tidigare journalsystemet till",
        f"{INTRANET}/chefsstod/chefsbrev-1",
        "Till alla chefer i hälso- och sjukvården: tidplan för återgången och tillfälliga rutiner.",
    ),
    ("E-10", "intranet", "Frågor och svar om pausen", FAQ, "Ny sida med 24 frågor och svar."),
    (
        "E-6",
        "meeting",
        "Frågestund på webben med hälso- och sjukvårdsdirektören",
        f"{INTRANET}/fragestund",
        "Öppen för alla medarbetare; inspelningen finns på intranätet.",
    ),
    (
        "E-7",
        "meeting",
        "Material till arbetsplatsträffar: pausen och vägen framåt",
        f"{INTRANET}/chefsstod/apt-material",
        "Bildspel, talmanus och diskussionsfrågor för chefer.",
    ),
    (
        "E-6",
        "intranet",
        "Frågor och svar uppdaterade: behörigheter, tidbokning och övertid",
        f"{FAQ}#behorigheter",
        "Nio nya frågor från frågestunden.",
    ),
    (
        "E-4",
        "email",
        "Chefsbrev 2: Övertid, bemanning och remisskön",
        f"{INTRANET}/chefsstod/chefsbrev-2",
        "",
    ),
    (
        "E-2",
        "intranet",
        "Driftinformation: Läkemedelslistan visas inte – reservrutin gäller",
        "https://intranat.example/driftinformation/lakemedelslistan",
        "Uppdaterad fyra gånger under helgen.",
    ),
    (
        "E",
        "email",
        "Extra chefsbrev: Avstämning av läkemedelslistor efter helgens driftstörning",
        f"{INTRANET}/chefsstod/extra-chefsbrev-lakemedelslistan",
        "",
    ),
    (
        "E+1",
        "intranet",
        "Berätta om dina erfarenheter av införandet – webbfrågan är öppen",
        f"{INTRANET}/erfarenheter",
        "Start för erfarenhetsinsamlingen: webbfråga och dialogmöten.",
    ),
    (
        "E+2",
        "web",
        "Inbjudan till dialogmöten för privata vårdgivare och kommuner",
        "https://www.example.se/vardgivare/vardinformationssystem/dialogmoten",
        "",
    ),
    (
        "P",
        "press",
        "Pressmeddelande: Extern granskning av införandet beställs",
        "https://www.example.se/press/extern-granskning-av-inforandet",
        "Efter beslut i regionstyrelsens arbetsutskott.",
    ),
    (
        "T",
        "intranet",
        "Frågor och svar uppdaterade: extern granskning och erfarenhetsinsamling",
        f"{FAQ}#granskning",
        "",
    ),
]

LINKS = [
    ("Samlingssida: paus i införandet av vårdinformationssystemet", INTRANET),
    ("Frågor och svar", FAQ),
    ("Stöd för chefer: chefsbrev och material till arbetsplatsträffar", f"{INTRANET}/chefsstod"),
    (
        "Utbildningsmaterial och lathundar för det tidigare journalsystemet",
        f"{INTRANET}/utbildning",
    ),
    ("Kontakta staben", f"{INTRANET}/kontakt"),
]


def _md(text: str) -> str:
    return dedent(text).strip()


PUBLISHED: list[dict[str, Any]] = [
    {
        "day": "E-10",
        "at": "16.00",
        "texts": {
            SUMMARY: _md("""
                - **Regionstyrelsen beslutade den {E-11} att pausa införandet av det nya vårdinformationssystemet.** Pausen gäller tills vidare.
                  - Våg 2, som skulle ha startat den {E+21}, är inställd.
                  - De 46 enheter som gick över i våg 1 återgår till det tidigare journalsystemet.
                - Återgången sker i tre steg:
                  - Steg 1: 12 vårdcentraler. Klart i dag.
                  - Steg 2: 20 enheter inom specialistvården, den {E-7~E-5}.
                  - Steg 3: 14 enheter, bland annat två akutmottagningar och förlossningen, den {E-4~E-3}.
                - Cirka **1 800 remisser** har fastnat i det nya systemet. De gås nu igenom manuellt.
                  - Remisser med misstanke om cancer bedöms först.
                - En händelse där ett provsvar inte nådde ansvarig läkare utreds. Under nästa vecka tas ställning till om den ska anmälas enligt lex Maria.
                - Staben har förstärkts med funktioner för IT, HR och patientsäkerhet.
            """),
            COMMENT: _md("""
                - Beslutet om paus tas emot med lättnad i de berörda verksamheterna, men det finns också oro för hur återgången ska gå till.
                - Under återgången gäller tillfälliga rutiner:
                  - Dokumentera i det tidigare journalsystemet från och med den dag din enhet återgår. Din chef meddelar vilket datum som gäller.
                  - Anteckningar som bara finns i det nya systemet förs över av en central överföringsgrupp. **Du behöver inte föra över något själv.**
                - Chefer får besluta om övertid och förstärkning från bemanningsenheten för att arbeta ikapp remisserna.
                - Rapportera händelser som kan ha påverkat patientsäkerheten som avvikelse, som vanligt.
            """),
            COMMS: _md("""
                - Beslutet har fått stort genomslag i medierna: ett sextiotal artiklar och inslag sedan i går, i lokal och regional press, Ekot och SVT.
                  - Beslutet beskrivs som nödvändigt men sent. Flera artiklar tar upp kostnaderna för införandet.
                - Staben har tagit emot 27 frågor från medier. Alla har besvarats av talespersonen eller pressjouren.
                - Intranätnyheten om beslutet har lästs drygt 15 000 gånger.
                - Medarbetarnas frågor handlar framför allt om:
                  - när den egna enheten återgår,
                  - inloggning och behörigheter i det tidigare journalsystemet,
                  - övertid och ersättning.
                - **Chefer ombeds ta upp pausen på nästa arbetsplatsträff.** Material publiceras måndag den {E-7}.
            """),
        },
    },
    {
        "day": "E-5",
        "at": "08.30",
        "texts": {
            SUMMARY: _md("""
                - Införandet av det nya vårdinformationssystemet är pausat sedan den {E-11}. Våg 2 är inställd.
                - Återgången till det tidigare journalsystemet går enligt plan:
                  - Steg 1 och 2 är klara. **32 av 46 enheter** arbetar nu i det tidigare journalsystemet.
                  - Steg 3 (14 enheter, bland annat två akutmottagningar och förlossningen) genomförs den {E-4~E-3}.
                    - Akutmottagningarna och förlossningen har superanvändare på plats dygnet runt under övergången.
                - Remisskön har minskat från 1 800 till **cirka 1 350 remisser**. Alla remisser med misstanke om cancer är bedömda.
                - Händelsen med provsvaret anmäldes till IVO enligt **lex Maria** den {E-6}. Utredningen fortsätter.
                - Övertiden vid de berörda enheterna är hög: cirka 2 900 timmar de senaste två veckorna.
            """),
            COMMENT: _md("""
                - Återgången har gått bättre än befarat. De flesta enheter var i gång i det tidigare journalsystemet inom ett dygn.
                - Det som fortfarande krånglar:
                  - Vissa behörigheter saknas. Ring IT-servicedesk på 010-123 40 00 och säg ”återgång VIS”, så prioriteras ärendet.
                  - Tider som bokades i det nya systemet efter den {E-11} förs över manuellt. **Kontrollera att dina patienter har fått kallelse.**
                - Överföringsgruppen har fört över cirka 4 100 anteckningar. Du behöver fortfarande inte föra över något själv.
                - Chefer får fortsatt besluta om övertid och förstärkning från bemanningsenheten.
            """),
            COMMS: _md(f"""
                - Bevakningen i medierna har minskat till ett tiotal artiklar om dagen. Fokus har flyttats från beslutet till kostnaderna och frågan om vem som bär ansvaret.
                - Staben har hittills tagit emot 41 frågor från medier och två begäranden om allmänna handlingar: e-postväxling med leverantören och styrgruppens protokoll.
                - Frågestunden på webben den {{E-6}} hade cirka 1 300 deltagare. [Frågor och svar]({FAQ}) har uppdaterats med de vanligaste frågorna.
                - Material till arbetsplatsträffar finns sedan den {{E-7}}. **Alla chefer ombeds ta upp pausen på en arbetsplatsträff senast den {{E+4}}.**
            """),
        },
    },
    {
        "day": "E",
        "at": "08.30",
        "kind": "extra",
        "texts": {
            SUMMARY: _md("""
                - **Extra rapport med anledning av helgens driftstörning i läkemedelslistan.**
                - Från lördag den {E-2} klockan 06.40 till söndag den {E-1} klockan 21.15 gick det inte att se patienternas aktuella läkemedelslista i journalsystemet.
                  - Orsaken var ett fel i kopplingen till den nationella läkemedelslistan efter ett certifikatbyte hos integrationsleverantören.
                  - 31 enheter med slutenvård berördes, bland annat båda akutmottagningarna.
                  - Enheterna arbetade enligt reservrutinen: ordination utifrån senast utskrivna läkemedelslista, uppgifter från patienten och apotekens uppgifter om uthämtade läkemedel.
                - Nio avvikelser har rapporterats hittills. Enligt vad staben vet i dag har ingen patient fått allvarlig skada.
                - Kopplingen fungerar normalt sedan i går kväll. Regionens IT och leverantören följer driften särskilt under veckan. Regionens IT-säkerhetsansvarige har adjungerats till staben under uppföljningen.
                - Steg 3 av återgången genomfördes som planerat. **Alla 46 enheter arbetar nu i det tidigare journalsystemet.**
                - Remisskön: cirka 1 100 remisser.
            """),
            COMMENT: _md(f"""
                - Personalen på de berörda enheterna gjorde ett mycket bra arbete med reservrutinen under helgen. Tack!
                - Gör så här i dag:
                  - **Stäm av läkemedelslistan för alla inneliggande patienter som fick nya eller ändrade ordinationer under helgen.** Ansvarig läkare på varje enhet ser till att det är gjort senast klockan 16.00.
                  - Rapportera avvikelser som hänger ihop med störningen i avvikelsesystemet och märk dem ”läkemedelslistan {{E-2}}”.
                - Reservrutinen finns i [lathunden för reservrutiner]({INTRANET}/reservrutiner). Skriv gärna ut den och sätt upp den på expeditionen.
            """),
            COMMS: _md("""
                - Driftinformation publicerades på intranätet lördag klockan 07.30 och uppdaterades fyra gånger under helgen. Chefer i beredskap fick sms.
                - Två medier har ställt frågor om störningen. Talespersonen intervjuades av lokalradion på söndagseftermiddagen.
                - Ett extra chefsbrev skickas i dag med instruktioner för avstämning av läkemedelslistor.
                - Bevakningen av pausen i övrigt är oförändrad, med ett tiotal artiklar om dagen.
            """),
        },
    },
    {
        "day": "E+2",
        "at": "16.00",
        "sent_back": "Komplettera med hur många läkemedelslistor som har stämts av.",
        "texts": {
            SUMMARY: _md(f"""
                - Införandet är pausat sedan den {{E-11}}. **Alla 46 enheter arbetar i det tidigare journalsystemet** sedan fredag den {{E-3}}.
                - Driftstörningen i läkemedelslistan den {{E-2~E-1}} är åtgärdad.
                  - Läkemedelslistorna för 212 inneliggande patienter har stämts av. Tre felaktiga ordinationer upptäcktes och har rättats.
                  - Elva avvikelser har rapporterats. En gäller en dubbel dos blodförtunnande läkemedel och utreds som möjlig allvarlig vårdskada.
                - Remisskön har minskat till **cirka 950 remisser**. Målet är under 300 inom fyra veckor.
                - Utredningen av händelsen med provsvaret (lex Maria) pågår.
                - **Erfarenhetsinsamlingen har startat.** Alla medarbetare kan berätta vad som fungerade och inte fungerade i införandet:
                  - i en [webbfråga]({INTRANET}/erfarenheter) som är öppen till och med den {{E+16}},
                  - på åtta dialogmöten, två i varje länsdel. Tider publiceras inom kort.
                    - Privata vårdgivare och kommuner bjuds in till egna dialogmöten.
            """),
            COMMENT: _md("""
                - Avstämningen av läkemedelslistorna är klar på alla enheter. Tack till alla som hjälpte till.
                - Arbetsbelastningen är fortfarande hög, framför allt på de enheter som arbetar ikapp remisskön.
                  - Chefer får fortsatt besluta om övertid och förstärkning från bemanningsenheten.
                  - **Ta ut kompensationsledighet när det går.** Prata med din chef om du känner dig överbelastad. Företagshälsovården har extra tider för samtal.
                - Medverka gärna i erfarenhetsinsamlingen. Du får delta i ett dialogmöte på arbetstid.
            """),
            COMMS: _md("""
                - Bevakningen i medierna har minskat till fem–tio artiklar om dagen. Helgens driftstörning fick begränsad uppmärksamhet.
                - Staben har tagit emot 52 frågor från medier och fem begäranden om allmänna handlingar. Två handlingar har lämnats ut, tre begäranden handläggs.
                - Inbjudan till erfarenhetsinsamlingen publicerades den {E+1}. Webbfrågan fick 430 svar under det första dygnet.
                - Det extra chefsbrevet om läkemedelslistorna har öppnats av 91 procent av cheferna.
            """),
        },
    },
    {
        "day": "L",
        "at": "08.30",
        "texts": {
            SUMMARY: _md("""
                - Införandet är pausat sedan den {E-11}. Alla 46 enheter arbetar i det tidigare journalsystemet och driften är stabil.
                - **Regionstyrelsens arbetsutskott beslutade den {P} att beställa en extern granskning av införandet.**
                  - Granskningen ska belysa beslutsunderlagen, styrningen, leverantörens åtaganden och hur verksamheternas synpunkter togs om hand.
                  - Resultatet ska redovisas inom tolv veckor och blir en del av underlaget för beslut om vägval.
                - Överläggningar med leverantören om en överenskommelse för pausen har inletts. De gäller kostnader, support och rättning av kända fel. Nästa möte är den {L+7}.
                - Remisskön har minskat till **cirka 600 remisser**. Inga remisser med misstanke om cancer väntar på bedömning.
                  - Övertiden har minskat till cirka 700 timmar den senaste veckan.
                - Erfarenhetsinsamlingen: webbfrågan har fått **1 140 svar**. Dialogmötena hålls den {T+1~T+10}.
                - Utredningen av dubbeldosen under driftstörningen är klar. Patienten fick ingen bestående skada, och händelsen anmäls inte enligt lex Maria. Lärdomarna förs in i reservrutinen.
            """),
            COMMENT: _md("""
                - Läget i verksamheterna har stabiliserats. De flesta enheter arbetar nu som före införandet.
                - Det som återstår:
                  - Remisskön: de enheter som har flest remisser kvar får förstärkning från bemanningsenheten till och med den {L+14}.
                  - Överföringen av anteckningar: cirka 300 anteckningar med bilagor förs över manuellt och beräknas vara klara inom en vecka.
                - Det nya systemet är stängt för inloggning under pausen. Du behöver inte göra något med dina behörigheter där.
                - **Anmäl dig till ett dialogmöte.** Du får delta på arbetstid.
            """),
            COMMS: _md(f"""
                - Beslutet om extern granskning har fått stor uppmärksamhet, med ett trettiotal artiklar och inslag sedan beslutet. Talespersonen har intervjuats av SVT och lokalradion.
                  - Flera artiklar frågar om granskningen omfattar den politiska styrningen. Regionstyrelsens ordförande har svarat att hela beslutskedjan granskas.
                - Staben har tagit emot 64 frågor från medier och sju begäranden om allmänna handlingar. Fem handlingar har lämnats ut, två begäranden handläggs.
                - Många svar på webbfrågan handlar om utbildningen före införandet och om hur medarbetarnas varningar togs emot.
                - [Frågor och svar]({FAQ}) uppdateras med frågor om den externa granskningen.
            """),
        },
    },
]

# Only the summary is rewritten so far; the rest is the copy of the last report.
# The draft's deadline is set relative to the moment the demo loads (reports.draft_deadline),
# so it is never already past.
DRAFT: dict[str, Any] = {
    "day": "T",
    "at": "16.00",
    "deadline": "15.00",
    "texts": {
        SUMMARY: _md("""
            - Införandet är pausat sedan den {E-11}. Alla 46 enheter arbetar i det tidigare journalsystemet och driften är stabil.
            - **Upphandlingen av den externa granskningen pågår.** Avtal väntas kunna tecknas den {T+7}.
              - Granskningen ska redovisas inom tolv veckor från avtalet och blir en del av underlaget för beslut om vägval.
            - Överläggningarna med leverantören fortsätter den {L+7}. Staben får en muntlig rapport efter mötet.
            - Remisskön har minskat till **cirka 420 remisser**.
            - Erfarenhetsinsamlingen: webbfrågan har fått **1 460 svar**. Dialogmötena startar den {T+1}, och 380 medarbetare har anmält sig.
              - Tre kommuner och två privata vårdgivare har tackat ja till egna dialogmöten.
        """),
    },
}
