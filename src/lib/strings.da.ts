import { md } from "./markup.js";
import { count } from "./plural.js";

/**
 * Every text a person sees, in Danish, in the domain's own words (DOMAIN.md, "Vocabulary").
 * Another locale is another file exporting an object of type `Strings`. A count with a noun goes
 * through `count` (singular for exactly one).
 */
/** A name in the genitive: «Anne Holms», «Lars'» (a name ending in s, x or z takes only the apostrophe). */
const genitive = (name: string): string => (/[sxz]$/i.test(name) ? `${name}'` : `${name}s`);

/** A number as Danish writes it («1.000»): one formatter for all (making one costs more than using it, on every card with a text field). */
const numberDa = new Intl.NumberFormat("da-DK");
const num = (n: number): string => numberDa.format(n);

export const da = {
  botName: "Læringsloop",
  generic: {
    andMore: (n: number) => `… og ${count(n, "mere", "flere")}.`,
    unexpected: "Noget gik galt hos Læringsloop. Prøv igen om lidt; det, du allerede har gemt, er ikke gået tabt.",
    unknownCommand: md`Det forstod jeg ikke. Skriv **hjælp** for at se, hvad jeg kan.`,
    notRegistered:
      "Du står ikke i Læringsloops organisationsoversigt endnu. Kontakt den, der administrerer Læringsloop i kommunen (fællesfunktionerne).",
    staleCard: "Kortet var ikke længere aktuelt. Her er den nyeste udgave.",
    notFound: "Det, kortet handler om, findes ikke længere.",
    invalidCard: md`Kortet kunne ikke læses. Åbn det igen fra **mine møder** eller **mine opgaver**.`,
    /** A text over its limit: how long it was and how long it may be (the card keeps what was typed). */
    tooLong: (length: number, max: number) =>
      `Teksten er ${num(length)} tegn, men der er plads til højst ${num(max)}. Gør den kortere, og send igen.`,
    /**
     * After saving a text exactly as long as its limit: a client may have stopped the typing or cut
     * a paste there without a word, so say it (added to the saved notice).
     */
    atLimit: (max: number) =>
      `Teksten fylder de ${num(max)} tegn, der højst er plads til. Skrev du mere, er resten ikke kommet med; ret den, hvis noget mangler.`,
    /** Next to a long text field, before anything is typed: the limit. */
    maxLengthHint: (max: number) => `Højst ${num(max)} tegn.`,
    required: "Skal udfyldes.",
    requiredMark: "(skal besvares)",
    optionalMark: "(valgfrit)",
    invalidDate: "Angiv en gyldig dato.",
    /** What a date or time field shows before anything is chosen (Teams would say «Select a date…»). */
    datePlaceholder: "Vælg en dato",
    timePlaceholder: "Vælg et tidspunkt",
    dateInPast: "Datoen er overstået. Vælg i dag eller en senere dato.",
    dateTooFar: "Datoen ligger for langt ude i fremtiden (højst to år frem).",
    cardErrorsHeading: "Ret det markerede, og prøv igen:",
    personalOnly:
      "Møder, refleksioner og opgaver vises kun i din personlige chat med Læringsloop, så ingen andre ser dem. Skriv til Læringsloop dér.",
    stillWorking: "Dit klik er modtaget og bliver behandlet. Åbn kortet igen om et øjeblik.",
    tooMany: "Du har sendt mange beskeder og klik på kort tid. Vent et minut, og prøv så igen.",
  },
  welcome: {
    title: "Velkommen til Læringsloop",
    body:
      "Jeg sender dagsorden og refleksionsguide før jeres læringssamtaler og 1:1 ledelsesopfølgninger, samler beslutninger og opfølgningspunkter i opfølgningsskemaet og minder den ansvarlige om fristen. Intet ekstra papirarbejde: det, jeg ved i forvejen, fylder jeg selv ud.",
    next: md`Skriv **hjælp** for at se, hvad jeg kan.`,
  },
  help: {
    title: "Det kan Læringsloop",
    /** The title when someone says hello: their first name. */
    greeting: (firstName: string) => (firstName ? `Hej ${firstName}` : "Hej"),
    intro: "Skriv en af kommandoerne herunder, eller brug knapperne.",
    /** What the bot does for each kind of person, above their commands. */
    roleIntro: {
      chief: "Som Børn og Unge-chef planlægger du 1:1 ledelsesopfølgninger, godkender enhedernes årshjul og kan lade en kanal følge dit område.",
      leader: "Som leder får du dagsorden og refleksionsguide før dine møder, du følger op på jeres aftaler, og du holder dine egne 1:1 med de pædagogiske ledere.",
      paedagogisk_leder: "Som pædagogisk leder får du dagsorden og refleksionsguide før dine 1:1 med lederen og før læringssamtalerne, og du følger op på de aftaler, du er ansvarlig for.",
      participant: "Du får dagsorden og refleksionsguide før de møder, du deltager i, og du kan følge op på de aftaler, du er ansvarlig for.",
    },
    /** Each command with what it does; the help card shows a person only those they can use. */
    commands: {
      schedule: { command: "planlæg 1:1", text: "Planlæg en 1:1 ledelsesopfølgning med en leder." },
      yearWheel: { command: "årshjul", text: "Se og godkend enhedernes årshjul med læringssamtaler og 1:1 ledelsesopfølgninger." },
      reassign: { command: "giv videre", text: "Giv åbne opfølgningspunkter videre, når den ansvarlige ikke længere er med i organisationen." },
      initiatives: { command: "indsatser", text: "Registrér forvaltningens indsatser, og se hvad der vejer på hver enhed (intentionstrængsel)." },
      myMeetings: { command: "mine møder", text: "Se dine kommende og seneste møder med dagsorden, refleksionsguide og referat." },
      scheduleLeader: { command: "planlæg 1:1", text: "Planlæg en 1:1 med en af dine pædagogiske ledere." },
      yearWheelLeader: { command: "årshjul", text: "Se enhedens årshjul, og planlæg, flyt og aflys dine 1:1 med de pædagogiske ledere." },
      myMeetingsChair: { command: "mine møder", text: "Se dine kommende og seneste møder med dagsorden, refleksionsguide, opfølgningsskema og referat." },
      myTasks: { command: "mine opgaver", text: "Se dine åbne opfølgningspunkter, og markér dem udført, udsæt dem eller kommentér." },
      channelFollow: { command: "følg område", text: "I en kanal i et team: lad kanalen følge dit område med et statuskort, ugens overblik og eksport til kvalitetsrapporten." },
      preferences: { command: "indstillinger", text: "Vælg, hvilke påmindelser du får, og hvornår de ugentlige overblik kommer." },
      absence: { command: "fraværende til …", text: md`Dine påmindelser venter, til du er tilbage, fx **fraværende til mandag** eller **fraværende til og med 12/1**. **fraværende slut** afslutter fraværet.` },
      help: { command: "hjælp", text: "Vis denne oversigt." },
    },
    privacy: "Dine refleksioner kan kun ses af mødets deltagere.",
    scheduleButton: "Planlæg 1:1",
    meetingsButton: "Mine møder",
    tasksButton: "Mine opgaver",
    /** Text that is no command, but close to one (a typo, an English word). */
    didYouMean: (command: string) => md`Det forstod jeg ikke helt. Mente du **${command}**?`,
    didYouMeanEither: (a: string, b: string) => md`Det forstod jeg ikke helt. Mente du **${a}** eller **${b}**?`,
    didYouMeanHint: md`Tryk på knappen, eller skriv kommandoen. **hjælp** viser alt, hvad du kan.`,
    didYouMeanType: md`Skriv kommandoen, som den står. **hjælp** viser alt, hvad du kan.`,
    helpButton: "Hjælp",
    /** What to type for `fraværende` when it is suggested without a date. */
    absenceExample: "fraværende til mandag",
    /** The button that opens a suggested command's card. */
    openButton: (command: string) => `${command.charAt(0).toUpperCase()}${command.slice(1)}`,
  },
  schedule: {
    title: "Planlæg 1:1 ledelsesopfølgning",
    intro: (minutes: number, lead: string) =>
      `${minutes} minutter med en af dine ledere. Dagsorden og refleksionsguide sendes automatisk ${lead} før mødet.`,
    leaderLabel: "Leder",
    leaderPlaceholder: "Vælg leder",
    dateLabel: "Dato",
    timeLabel: "Starttidspunkt",
    submit: "Planlæg",
    notChief:
      "Du er ikke Børn og Unge-chef eller leder med pædagogiske ledere i Læringsloop, så du kan ikke planlægge 1:1-samtaler. Er det en fejl, så kontakt fællesfunktionerne.",
    notChiefForLeader: "Kun Børn og Unge-chefen for lederens enhed kan planlægge en 1:1 ledelsesopfølgning med lederen, og kun enhedens leder en 1:1 med en af dens pædagogiske ledere.",
    titleLeader: "Planlæg 1:1 med en pædagogisk leder",
    introLeader: (minutes: number, lead: string) => `${minutes} minutter med en af dine pædagogiske ledere. Dagsorden og refleksionsguide sendes automatisk ${lead} før mødet.`,
    introBoth: (minutes: number, lead: string) => `${minutes} minutter med en af dine ledere eller pædagogiske ledere. Dagsorden og refleksionsguide sendes automatisk ${lead} før mødet.`,
    doneLeader: (person: string, when: string) => `1:1 med ${person} (pædagogisk leder) er planlagt ${when}.`,
    plLabel: "Pædagogisk leder",
    plPlaceholder: "Vælg pædagogisk leder",
    eitherLabel: "Leder eller pædagogisk leder",
    eitherPlaceholder: "Vælg, hvem mødet er med",
    plChoice: (name: string, unit: string) => `${name}, ${unit} (pædagogisk leder)`,
    chooseLeader: "Vælg en leder.",
    invalidTime: "Angiv et tidspunkt som tt:mm, fx 09:00.",
    outsideHours: (from: string, to: string) => `Vælg et tidspunkt i arbejdstiden (${from}–${to}).`,
    weekendDay: "Dagen er en weekenddag. Vælg en hverdag.",
    closingDay: "Dagen er en lukkedag i kommunen. Vælg en anden dag.",
    holiday: (name: string) => `Dagen er en helligdag (${name}). Vælg en hverdag.`,
    startsInPast: "Tidspunktet er overstået. Vælg et senere tidspunkt.",
    done: (leader: string, when: string) => `1:1 ledelsesopfølgningen med ${leader} er planlagt ${when}.`,
    packWhen: (when: string) => `Dagsorden og refleksionsguide sendes til jer begge ${when}.`,
    packNow: "Dagsorden og refleksionsguide sendes til jer begge nu.",
    again: "Planlæg en til",
    /** How long before the meeting the pack goes: «3 arbejdsdage». */
    leadDays: (n: number) => count(n, "arbejdsdag", "arbejdsdage"),
  },
  meeting: {
    kinds: {
      one_on_one: "1:1 ledelsesopfølgning",
      laeringssamtale: "Læringssamtale",
      laeringssamtaleFirst: "Læringssamtale (første i læringsloopet)",
      leader_pl: "1:1 med pædagogisk leder",
    },
    /** The same in running text, after «jeres næste»: «jeres næste læringssamtale». */
    kindsInText: {
      one_on_one: "1:1 ledelsesopfølgning",
      laeringssamtale: "læringssamtale",
      laeringssamtaleFirst: "læringssamtale (den første i læringsloopet)",
      leader_pl: "1:1 med den pædagogiske leder",
    },
    /** The meeting itself, in definite form: «Før læringssamtalen tirsdag …». */
    kindsDefinite: {
      one_on_one: "1:1 ledelsesopfølgningen",
      laeringssamtale: "læringssamtalen",
      laeringssamtaleFirst: "den første læringssamtale i læringsloopet",
      leader_pl: "1:1-samtalen med den pædagogiske leder",
    },
    /** Who holds the meeting, by the chair's role: the chief, the unit leader (with a pædagogisk leder), the board (selvejende). */
    chairTitles: { chief: "Børn og Unge-chefen", leader: "lederen", board: "bestyrelsens repræsentant" },
    roles: {
      chair: "mødeleder",
      leader: "leder",
      paedagogisk_leder: "pædagogisk leder",
      medarbejderrepraesentant: "medarbejderrepræsentant",
      bestyrelsesrepraesentant: "bestyrelsesrepræsentant",
      ungerepraesentant: "repræsentant for børn og unge",
      konsulent: "faglig konsulent",
      afdelingslederrepraesentant: "afdelingslederrepræsentant",
      ad_hoc: "ad hoc-deltager",
    },
    participants: "Deltagere",
    when: "Tid",
    unit: "Enhed",
    started: "Mødet er begyndt.",
    closed: "Mødet er afsluttet.",
    notParticipant: "Kun mødets deltagere kan se dette.",
    onlyChair: (chair: string) => `Kun ${chair}, der holder mødet, kan dette.`,
    statusPlanned: "Planlagt",
    statusClosed: "Afsluttet",
    statusReopened: "Genåbnet for rettelser",
    statusCancelled: "Aflyst",
    cancelled: "Mødet er aflyst.",
    cancelButton: "Aflys mødet",
    cancelConfirm: "Dagsorden, refleksionsguide og påmindelser sendes ikke, og de andre deltagere får besked. Det kan ikke fortrydes; planlæg et nyt møde, hvis I skal mødes alligevel.",
    cancelSubmit: "Ja, aflys mødet",
    cancelDone: "Mødet er aflyst. De andre deltagere får besked.",
    cancelAlready: "Mødet var allerede aflyst.",
    cancelStarted: "Mødet er begyndt eller afsluttet og kan ikke aflyses.",
    cancelHasDecisions: "Der står allerede beslutninger i opfølgningsskemaet. Luk mødet i opfølgningsskemaet i stedet for at aflyse det.",
    /** `meeting` in definite form («læringssamtalen»); the sentence starts with it. */
    cancelledNotice: (meeting: string, when: string, by: string) => `${meeting.charAt(0).toUpperCase()}${meeting.slice(1)} ${when} er aflyst af ${by}.`,
    cancelledTitle: "Mødet er aflyst",
    // Nobody is booked into two meetings at once: who is taken, when, by which meeting.
    busy: (who: string[], when: string, what: string) => `${who.length > 1 ? `${who.slice(0, -1).join(", ")} og ${who.at(-1)}` : who.join("")} er allerede optaget ${when}: ${what}.`,
    busyYou: "Du",
    busyMeeting: (kind: string, unit: string) => `${kind}, ${unit}`,
    busyPickAnother: "Vælg et andet tidspunkt.",
    busyField: "Tidspunktet overlapper et andet møde.",
  },
  agenda: {
    title: (kind: string) => `Dagsorden: ${kind}`,
    standing: "Stående punkter",
    carried: "Opfølgning fra tidligere møder",
    carriedNone: "Ingen åbne opfølgningspunkter fra tidligere møder.",
    carriedItem: (text: string, owner: string, due: string) => `${text} (${owner}, frist ${due})`,
    topics: "Punkter tilføjet af deltagerne",
    topicsNone: "Ingen endnu.",
    topicBy: (title: string, by: string) => `${title} (tilføjet af ${by})`,
    item: (n: number, title: string) => `Punkt ${n}: ${title}`,
    minutes: (m: number) => `${m} min.`,
    addTopicLabel: "Tilføj et punkt til dagsordenen",
    addTopicPlaceholder: "Fx: Sygefravær i vuggestuen",
    addTopicButton: "Tilføj punkt",
    /** `holders` of the `others` (the other participants) have the dagsorden already, and their copies are updated too. */
    topicAdded: (holders: number, others: number) =>
      holders === 0
        ? others === 1
          ? "Punktet er tilføjet. Den anden deltager ser det, når dagsordenen kommer."
          : "Punktet er tilføjet. De andre deltagere ser det, når dagsordenen kommer."
        : holders >= others
          ? others === 1
            ? "Punktet er tilføjet. Den anden deltagers dagsorden er også opdateret."
            : "Punktet er tilføjet. De andre deltageres dagsordener er også opdateret."
          : `Punktet er tilføjet. Dagsordenen er også opdateret hos ${holders === 1 ? "den deltager" : `de ${holders} deltagere`}, der allerede har fået den.`,
    topicRequired: "Skriv punktets overskrift.",
    lockedStarted: "Mødet er begyndt, så der kan ikke længere tilføjes punkter.",
    reflectionButton: "Udfyld refleksionsguide",
    viewReflectionButton: "Se refleksion",
    formButton: "Åbn opfølgningsskema",
    reflectionStatus: (name: string, sent: boolean, nothingNew = false) => `Refleksion fra ${name}: ${nothingNew ? "intet nyt" : sent ? "sendt" : "ikke sendt endnu"}`,
    /** `kind` as in running text (`meeting.kindsInText`). */
    packIntro: (kind: string) => `Her er dagsordenen til jeres næste ${kind}.`,
    focusAreas: "Lokale fokusområder",
    focusNone: "Ingen lokale fokusområder valgt endnu.",
    focusItem: (title: string, theme: string) => `${title} (tema: ${theme})`,
    focusEvaluate: "til evaluering på dette møde",
    themes: (loop: string) => `Politisk valgte temaer i ${loop}`,
    themesIntro: "På denne første læringssamtale vælges de lokale fokusområder inden for temaerne.",
    focusButton: "Fokusområder",
    dataSources: "Datagrundlag",
    sources: {
      A: "A. Kvantitativ datapakke",
      B: "B. Systematisk opsamlede data fra egen praksis",
      C: "C. Input fra 1:1 ledelsesopfølgninger",
      D: "D. Input fra forældre og bestyrelse",
      E: "E. Input fra børnene og de unge",
    } as Record<"A" | "B" | "C" | "D" | "E", string>,
    /** The heading above the statement's text. */
    boardStatement: (name: string, when: string) => `Bestyrelsens udtalelse (${name}, ${when}):`,
    boardStatementNone: "Bestyrelsens udtalelse er ikke modtaget endnu.",
    /** A count before «1:1» is written «2 ledelsesopfølgninger (1:1)», so the numbers do not run together. */
    oneOnOneInput: (meetings: number, open: number, done: number, since?: string) => {
      const when = since ? `Siden læringssamtalen ${since}` : "Indtil nu";
      if (meetings === 0) return `${when}: ingen ledelsesopfølgninger (1:1).`;
      const m = count(meetings, "ledelsesopfølgning (1:1)", "ledelsesopfølgninger (1:1)");
      if (open + done === 0) return `${when}: ${m}, ingen opfølgningspunkter.`;
      return `${when}: ${m} med ${count(open + done, "opfølgningspunkt", "opfølgningspunkter")} (${done} udført, ${count(open, "åbent", "åbne")}).`;
    },
    oneOnOneInputNote: "Indholdet af 1:1-samtalerne bliver mellem chef og leder; lederen tager det med, der er relevant.",
    reflectionsHeading: "Refleksioner",
    reflectionsCount: (sent: number, all: number) => `${sent} af ${count(all, "deltager", "deltagere")} har sendt ${all === 1 ? "sin" : "deres"} refleksion.`,
    evaluateCarried: "til evaluering",
    circleSteps: "Læringscirklen: data → refleksion → beslutning → opfølgning",
  },
  reflection: {
    title: (kind: string) => `Refleksionsguide: ${kind}`,
    intro: "Spørgsmål mærket «skal besvares» er obligatoriske; de andre kan du springe over.",
    privacy: (other: string) => `Kun du og ${other} kan se dine svar.`,
    privacyOther: "Kun mødets deltagere kan se svarene.",
    send: "Send refleksion",
    edit: "Ret refleksion",
    saveChanges: "Send rettelser",
    sentAt: (when: string) => `Sendt ${when}.`,
    sentNotice: "Din refleksion er sendt.",
    editableUntil: (when: string) => `Du kan rette den, indtil mødet begynder ${when}.`,
    lockedStarted: "Mødet er begyndt, så refleksionen kan ikke længere rettes.",
    answerRequired: "Besvar spørgsmålet, før du sender.",
    onlyAuthorBeforeSent: "Refleksionen er ikke sendt endnu, så kun den, der skriver den, kan se den.",
    authorHeading: (name: string) => `Refleksion fra ${name}`,
    onlyLeaderFills: "Refleksionsguiden udfyldes af lederen. Du kan se svarene, når de er sendt.",
    roleNotAsked: "Din rolle bliver ikke bedt om en refleksion til denne læringssamtale. Du kan følge med i dagsordenen.",
    nothingNew: "Intet nyt",
    nothingNewHint: "Intet at tilføje siden sidst? Tryk «Intet nyt», så ved mødelederen det.",
    nothingNewNotice: "Du har svaret «Intet nyt».",
    nothingNewShown: "Intet nyt siden sidst.",
    nothingNewNotOffered: "«Intet nyt» kan kun vælges i en 1:1, hvor ingen spørgsmål skal besvares.",
    nothingNewAfterAnswers: "Du har allerede sendt svar, så «Intet nyt» ville slette dem. Ret dine svar i stedet, hvis noget har ændret sig.",
    nothingNewWithText: "Du har skrevet noget i guiden. Tryk «Send refleksion» for at sende det, eller slet teksten, hvis der ikke er noget nyt.",
    /** The author's role beside their name on the others' copies (the chair sees each one's answers under their role). */
    authorWithRole: (name: string, role: string) => `Refleksion fra ${name} (${role})`,
  },
  form: {
    title: (kind: string) => `Opfølgningsskema: ${kind}`,
    intro:
      "Skriv mødets beslutninger. Hver beslutning kan få et opfølgningspunkt med én ansvarlig og en frist. Tøm beslutningsfeltet for at fjerne en række.",
    row: (n: number) => `Beslutning ${n}`,
    itemLabel: "Punkt på dagsordenen",
    decisionLabel: "Beslutning",
    decisionPlaceholder: "Hvad blev besluttet?",
    followUpLabel: "Opfølgningspunkt",
    followUpPlaceholder: "Hvad skal gøres? (kan udelades)",
    ownerLabel: "Ansvarlig",
    ownerPlaceholder: "Vælg ansvarlig",
    dueLabel: "Frist",
    evalLabel: "Evalueres (valgfri)",
    recommendationsHeading: "Indstillinger",
    recommendationsIntro: "Pr. punkt: hvad indstilles der til beslutning? Skriv det, der følger efter «Det indstilles, at …», én indstilling pr. linje; referatet nummererer dem.",
    recommendationPlaceholder: "Fx: bestyrelsen inddrages i valget af fokusområder",
    save: "Gem",
    saveAndClose: "Gem og afslut mødet",
    /** What a save wrote: «Gemt kl. 10.42: 2 nye beslutninger, 1 nyt opfølgningspunkt (version 3).» */
    saved: (time: string, parts: string[], rev: number) => `Gemt kl. ${time}: ${parts.join(", ")} (version ${rev}).`,
    savedParts: {
      newDecisions: (n: number) => count(n, "ny beslutning", "nye beslutninger"),
      changedDecisions: (n: number) => count(n, "rettet beslutning", "rettede beslutninger"),
      removedDecisions: (n: number) => count(n, "fjernet beslutning", "fjernede beslutninger"),
      newFollowUps: (n: number) => count(n, "nyt opfølgningspunkt", "nye opfølgningspunkter"),
      changedFollowUps: (n: number) => count(n, "rettet opfølgningspunkt", "rettede opfølgningspunkter"),
      cancelledFollowUps: (n: number) => count(n, "annulleret opfølgningspunkt", "annullerede opfølgningspunkter"),
      recommendations: (n: number) => count(n, "ændret indstilling", "ændrede indstillinger"),
    },
    nothingEmpty: "Intet at gemme – skemaet er tomt.",
    nothingNew: (rev: number) => `Intet nyt at gemme – skemaet er, som det blev gemt (version ${rev}).`,
    closedNoSave: "Mødet er afsluttet, så intet er gemt. Skal det med i referatet, så genåbn mødet først; det, du skrev, står her stadig.",
    cancelledNoSave: "Mødet er aflyst, så der gemmes ikke noget i skemaet.",
    cancelledNote: "Mødet er aflyst.",
    /** A closed meeting's form: when it was closed, and until when the chair may reopen it. */
    closedNote: (closedAt: string, until?: string) =>
      until
        ? `Mødet blev afsluttet ${closedAt}, og referatet er sendt. Skal noget rettes, så genåbn mødet; det kan du indtil ${until}.`
        : `Mødet blev afsluttet ${closedAt}, og referatet er sendt. Det kan ikke længere genåbnes.`,
    reopenedNote: (at: string, by: string) =>
      `Mødet er genåbnet for rettelser ${at} af ${by}. Referatet gælder, som det blev sendt, indtil du afslutter mødet igen; så får deltagerne et rettet referat, og den tidligere udgave gemmes.`,
    decisionRequired: "Skriv den beslutning, som opfølgningspunktet hører til.",
    ownerRequired: "Vælg en ansvarlig blandt mødets deltagere.",
    ownerNotParticipant: "Den ansvarlige skal være en af mødets deltagere.",
    dueRequired: "Angiv en frist for opfølgningspunktet.",
    unknownItem: "Punktet findes ikke på mødets dagsorden.",
    unknownFocusArea: "Vælg et af enhedens aktive fokusområder, eller intet.",
    focusLabel: "Fokusområde (valgfrit)",
    focusNone: "Intet bestemt fokusområde",
    stale:
      "Skemaet er blevet ændret, siden du åbnede det. Her er den nyeste udgave; ret igen, hvis det stadig er nødvendigt.",
    tooManyDecisions: (n: number) => `Højst ${n} beslutninger pr. møde. Saml beslutninger, der hører sammen.`,
    keptRows: (n: number) => `${count(n, "ældre beslutning", "ældre beslutninger")} vises kun som tekst her, så kortet kan være i Teams; ${n === 1 ? "den" : "de"} gemmes uændret.`,
    history: (n: number) => `${count(n, "version", "versioner")} i historikken.`,
  },
  /** Closing a meeting (asked to confirm) and reopening it to correct the referat (docs/decisions/0013). */
  closing: {
    beforeStart: (when: string) => `Mødet er først ${when} – vil du afslutte det allerede nu?`,
    emptyWarning: "Der er ingen beslutninger i skemaet. Afslutter du uden at skrive nogen, bliver referatet tomt: det viser kun dagsordenens punkter.",
    consequencesHeading: "Når du afslutter mødet:",
    /** `to`: who gets it («Megan Bowen og dig»). */
    consequenceReferat: (to: string, corrected: boolean) =>
      corrected
        ? `gemmes det, du har skrevet, og et rettet referat sendes til ${to} (den tidligere udgave gemmes)`
        : `gemmes det, du har skrevet, og referatet sendes til ${to}`,
    consequenceCarried: "åbne opfølgningspunkter følger med til næste møde, indtil de er udført",
    consequenceNoMore: "der sendes ikke mere til mødet: dagsorden, refleksionsguide og påmindelser stopper",
    consequenceReopen: (days: number) =>
      days > 0 ? `kan du genåbne det i ${count(days, "dag", "dage")} og rette referatet` : "kan det ikke genåbnes bagefter",
    confirm: "Ja, afslut mødet",
    confirmBeforeStart: "Ja, afslut mødet nu",
    /** The participants but the chair, and the chair as «dig»; many as a count. */
    recipients: (others: string[]) =>
      others.length === 0 ? "dig" : others.length > 3 ? `mødets ${others.length + 1} deltagere` : `${others.join(", ")} og dig`,
    /** The referat goes at once to the chair, to the others in working hours. */
    closed: (to: string) => `Mødet er afsluttet, og referatet sendes til ${to}.`,
    closedAgain: (to: string) => `Mødet er afsluttet igen, og det rettede referat sendes til ${to}.`,
    alreadyClosed: "Mødet var allerede afsluttet.",
    /** A card from before closing asked to be confirmed: nothing closed by one tap. */
    notConfirmed: "Mødet er ikke afsluttet endnu. Tryk «Gem og afslut mødet», og bekræft.",
    reopenButton: "Genåbn mødet",
    reopenConfirm: (until: string) =>
      `Genåbner du mødet, kan du rette i opfølgningsskemaet. Referatet gælder, som det er, indtil du afslutter mødet igen; så får deltagerne et rettet referat, og den tidligere udgave gemmes. Opfølgningspunkterne fortsætter, som de er. Du kan genåbne mødet indtil ${until}.`,
    reopenBeforeStart: (when: string) => `Mødet er først ${when}: det bliver planlagt igen, og dagsorden og påmindelser sendes til tiden.`,
    reopenSubmit: "Ja, genåbn mødet",
    reopened: "Mødet er genåbnet. Ret i skemaet, og afslut mødet igen, når du er færdig: så får deltagerne et rettet referat.",
    reopenedTyped: "Mødet er genåbnet. Det, du skrev, står i skemaet, men er ikke gemt endnu: tryk «Gem».",
    reopenAlready: "Mødet var allerede genåbnet.",
    notClosed: "Mødet er ikke afsluttet, så der er intet at genåbne.",
    staleReopen: "Referatet er rettet, siden kortet blev vist. Her er det nyeste.",
    tooLate: (closedAt: string, days: number) =>
      days > 0
        ? `Mødet blev afsluttet ${closedAt} og kan kun genåbnes i ${count(days, "dag", "dage")} efter. Skal noget rettes nu, så tag det med på næste møde.`
        : "Et afsluttet møde kan ikke genåbnes. Skal noget rettes, så tag det med på næste møde.",
  },
  followUp: {
    title: "Opfølgningspunkt",
    assignedHeading: "Du er ansvarlig for et nyt opfølgningspunkt",
    dueTodayHeading: "Påmindelse: fristen er i dag",
    dueSoonHeading: "Påmindelse: fristen nærmer sig",
    overdueHeading: "Påmindelse: fristen er overskredet",
    /** `meeting` in definite form: «Fra læringssamtalen den 10.11.2026». */
    from: (meeting: string, date: string) => `Fra ${meeting} den ${date}`,
    decision: "Beslutning",
    owner: "Ansvarlig",
    due: "Frist",
    status: "Status",
    open: "Åben",
    overdue: "Overskredet",
    dueToday: "Frist i dag",
    doneOn: (date: string) => `Udført ${date}`,
    done: "Udført",
    cancelled: "Annulleret",
    doneButton: "Udført",
    postponeButton: "Udsæt",
    postponeLabel: "Ny frist",
    postponeSubmit: "Flyt fristen",
    commentButton: "Kommentér",
    commentLabel: "Kommentar",
    commentSubmit: "Gem kommentar",
    reopenButton: "Genåbn",
    comments: "Kommentarer",
    markedDone: "Markeret som udført.",
    reopened: "Opfølgningspunktet er åbnet igen.",
    postponed: (due: string) => `Fristen er flyttet til ${due}.`,
    postponeMustBeLater: "Den nye frist skal ligge efter den nuværende frist og må ikke ligge før i dag.",
    commented: "Kommentaren er gemt.",
    commentRequired: "Skriv en kommentar.",
    notOwner: (chair: string) => `Kun den ansvarlige eller ${chair}, der holdt mødet, kan ændre opfølgningspunktet.`,
    alreadyDone: "Opfølgningspunktet er allerede udført.",
    notOpen: "Opfølgningspunktet er ikke åbent.",
    notDone: "Kun et udført opfølgningspunkt kan genåbnes.",
  },
  tasks: {
    title: "Mine opgaver",
    none: "Du har ingen åbne opfølgningspunkter.",
    count: (n: number) => `${count(n, "åbent opfølgningspunkt", "åbne opfølgningspunkter")}${n === 1 ? "" : ", den nærmeste frist først"}.`,
    more: (n: number) => `… og ${count(n, "mere", "flere")} med senere frist.`,
    refresh: "Opdatér",
  },
  meetings: {
    title: "Mine møder",
    upcoming: "Kommende",
    recent: "Seneste",
    none: "Du har ingen møder i Læringsloop endnu.",
    agendaButton: "Dagsorden",
    reflectionButton: "Refleksionsguide",
    formButton: "Opfølgningsskema",
    referatButton: "Referat",
    /** A 1:1 in the list, named by the other person: «1:1 ledelsesopfølgning med Megan Bowen», «1:1 med Jonas Dahl (pædagogisk leder)». */
    oneOnOneWith: (name: string) => `1:1 ledelsesopfølgning med ${name}`,
    plWith: (name: string, role: string) => `1:1 med ${name} (${role})`,
  },
  referat: {
    title: (kind: string) => `Referat: ${kind}`,
    item: (n: number, title: string, initials: string) => (initials ? `Punkt ${n}: ${title} (${initials})` : `Punkt ${n}: ${title}`),
    decisions: "Beslutninger:",
    recommends: "Det indstilles, at:",
    withoutDecisions: (items: string) => `Uden beslutninger: ${items}.`,
    carriedHeading: "Opfølgning på tidligere aftaler",
    followsUp: (initials: string, due: string) => `(${initials} følger op senest ${due})`,
    other: "Øvrige beslutninger",
    intro: "Mødet er afsluttet. Her er referatet med beslutninger og opfølgningspunkter.",
    titleCorrected: (kind: string) => `Rettet referat: ${kind}`,
    introCorrected: "Referatet er rettet. Her er den rettede udgave; den tidligere kan ses under «Se tidligere udgave».",
    corrected: (when: string, by: string, n: number) => `Rettet ${when} af ${by} (udgave ${n}).`,
    reopened: (by: string, at: string) => `${by} har genåbnet mødet ${at} for at rette referatet. Referatet herunder gælder, indtil det rettede kommer.`,
    earlier: (n: number, total: number, sent: string) => `Tidligere udgave: udgave ${n} af ${total}, sendt ${sent}. Den gældende udgave er rettet siden.`,
    erased: "Teksterne i denne udgave er slettet efter opbevaringsfristen.",
    earlierButton: "Se tidligere udgave",
    openFollowUps: (n: number) => `${count(n, "åbent opfølgningspunkt", "åbne opfølgningspunkter")}.`,
  },
  reassign: {
    title: "Opfølgningspunkter, der skal gives videre",
    intro: "Disse opfølgningspunkter har en ansvarlig, der ikke længere er med i organisationen. Vælg, hvem der overtager hvert af dem; den nye ansvarlige får besked.",
    none: "Ingen åbne opfølgningspunkter mangler en ansvarlig.",
    item: (text: string, owner: string, due: string) => `${text} (${owner}, frist ${due})`,
    ownerLabel: "Ny ansvarlig",
    ownerPlaceholder: "Vælg ny ansvarlig",
    button: "Giv videre",
    done: (name: string) => `Opfølgningspunktet er givet videre til ${name}.`,
    chooseOwner: "Vælg en ny ansvarlig fra enheden.",
    oneToOnePrivate:
      "Det, der aftales i en 1:1, bliver mellem mødets to deltagere. Giv opfølgningspunktet til den anden deltager eller til den, der har overtaget rollen efter den, der er stoppet.",
    notAllowed: "Kun Børn og Unge-chefen for enheden eller mødelederen kan give et opfølgningspunkt videre.",
    notChief: "Du er ikke Børn og Unge-chef for nogen enhed i Læringsloop.",
  },
  yearWheel: {
    title: (unit: string) => `Årshjul: ${unit}`,
    loop: (name: string) => `Læringsloop: ${name}`,
    intro:
      "Læringsloops forslag til jeres møder i læringsloopet: læringssamtaler forår og efterår, seks 1:1 ledelsesopfølgninger om året og lederens egne 1:1 med de pædagogiske ledere. Ingen er i to møder på én gang, der er luft mellem møderne, og weekender, helligdage, lukkedage og lukkeperioder (fx sommerlukning) er undgået. Flyt det, der ikke passer, og godkend årshjulet.",
    introSelvejende:
      "I et selvejende dagtilbud afholder bestyrelsen læringssamtalerne. Efter årets sidste læringssamtale får bestyrelsens formand et kort til bestyrelsens skriftlige afrapportering, som Børn og Unge-chefen får; chefen holder ikke 1:1 ledelsesopfølgninger med lederen.",
    statusProposed: "Forslag: ikke godkendt endnu. Når du godkender, oprettes møderne, og dagsordener og påmindelser sendes til tiden.",
    statusProposedLeader: "Forslag: Børn og Unge-chefen har ikke godkendt årshjulet endnu. Dine egne 1:1 med de pædagogiske ledere opretter du selv med «Opret mine 1:1».",
    statusConfirmed: (when: string) => `Godkendt ${when}. Møderne er oprettet; flytter du et møde, flyttes dagsorden og påmindelser med.`,
    counts: (samtaler: number, oneOnOnes: number, pl: number) =>
      `${count(samtaler, "læringssamtale", "læringssamtaler")} · ${count(oneOnOnes, "ledelsesopfølgning (1:1)", "ledelsesopfølgninger (1:1)")} · ${count(pl, "samtale (1:1) med en pædagogisk leder", "samtaler (1:1) med pædagogiske ledere")}`,
    /** The wheel is read by calendar half-year; January is no spring (seed 002: «halvårligt»). */
    halfYear: (half: 1 | 2, year: string) => `${half}. halvår ${year}`,
    /** A læringssamtale is the spring or the autumn one by its planned half-year (seed 002: «Én samtale i foråret, én i efteråret»). */
    samtaleSeason: (season: "forår" | "efterår", kind: string) => `${season === "forår" ? "Forårets" : "Efterårets"} ${kind.charAt(0).toLowerCase()}${kind.slice(1)}`,
    entry: (when: string, kind: string) => `${when} · ${kind}`,
    withPerson: (name: string) => `1:1 med ${name} (pædagogisk leder)`,
    past: "overstået",
    unitLabel: "Enhed",
    showUnit: "Vis enhed",
    plHidden: (n: number) => `${count(n, "samtale (1:1) med en pædagogisk leder", "samtaler (1:1) med pædagogiske ledere")} (vælg ${n === 1 ? "lederen" : "en leder"} nedenfor)`,
    plLabel: "1:1 med pædagogisk leder",
    plPlaceholder: "Vælg en pædagogisk leder",
    showPl: "Vis møderne",
    moveHeading: "Flyt et møde",
    meetingLabel: "Møde",
    meetingPlaceholder: "Vælg mødet, der skal flyttes",
    dateLabel: "Ny dato",
    timeLabel: "Nyt starttidspunkt",
    moveButton: "Flyt mødet",
    confirmButton: "Godkend årshjul",
    moved: (when: string) => `Mødet er flyttet til ${when}.`,
    confirmed: (n: number) => `Årshjulet er godkendt, og ${count(n, "møde", "møder")} er oprettet.`,
    notChief: "Årshjulet er for Børn og Unge-chefer og ledere. Du er ikke Børn og Unge-chef eller leder for nogen enhed i Læringsloop.",
    notChiefOfUnit: "Du er ikke Børn og Unge-chef eller leder for den enhed.",
    onlyChiefConfirms: "Kun Børn og Unge-chefen godkender hele årshjulet. Som leder opretter du dine egne 1:1 med de pædagogiske ledere.",
    leaderOwnOnly: "Som leder planlægger, flytter og aflyser du dine egne 1:1 med de pædagogiske ledere. De øvrige møder i årshjulet står Børn og Unge-chefen for.",
    othersPl: "Årshjulets 1:1 med de pædagogiske ledere holder en anden af enhedens ledere. Kun den leder opretter, flytter og aflyser dem.",
    leadersMeeting: "Mødet er lederens 1:1 med en pædagogisk leder. Kun lederen, der holder det, kan flytte eller aflyse det.",
    introLeader:
      "Enhedens årshjul. Dine egne 1:1 med de pædagogiske ledere planlægger du selv: flyt dem, der ikke passer, og opret dem, så dagsorden og påmindelser kommer til tiden. Læringssamtaler og 1:1 ledelsesopfølgninger står Børn og Unge-chefen for.",
    introCoLeader:
      "Enhedens årshjul. Årshjulets 1:1 med de pædagogiske ledere holder en anden af enhedens ledere. Læringssamtaler og 1:1 ledelsesopfølgninger står Børn og Unge-chefen for.",
    confirmOwnButton: "Opret mine 1:1",
    confirmedOwn: (n: number) => (n === 0 ? "Dine 1:1 med de pædagogiske ledere er allerede oprettet." : `${count(n, "1:1 med en pædagogisk leder er oprettet", "1:1 med pædagogiske ledere er oprettet")}.`),
    cancelHeading: "Aflys et møde",
    cancelPlaceholder: "Vælg mødet, der skal aflyses",
    cancelButton: "Aflys mødet",
    cancelledEntry: "aflyst",
    chooseMeetingToCancel: "Vælg det møde, der skal aflyses.",
    notAMeetingYet: "Mødet er ikke oprettet endnu, så der er intet at aflyse. Flyt det i stedet, eller lad være med at oprette det.",
    cancelledDone: (when: string) => `Mødet ${when} er aflyst. De andre deltagere får besked.`,
    noLoop: (unit: string) =>
      `Der er intet læringsloop for ${unit} i organisationsfilen. Bed fællesfunktionerne tilføje læringsloopet med dets temaer.`,
    noLeader: (unit: string) => `${unit} har ingen leder i organisationsfilen, så møderne kan ikke oprettes.`,
    chooseMeeting: "Vælg det møde, der skal flyttes.",
    dateNotFuture: "Vælg en dato efter i dag.",
    dateAfterLoop: "Datoen ligger efter læringsloopets slutning.",
    stale: "Årshjulet er blevet ændret, siden du åbnede det. Her er den nyeste udgave.",
    meetingStarted: "Mødet er begyndt eller afsluttet og kan ikke flyttes.",
    busyEntry: (entry: string, clash: string) => `Årshjulet kan ikke godkendes endnu. ${entry} overlapper et andet møde: ${clash} Flyt mødet i årshjulet, og godkend igen.`,
  },
  /** Planning that respects people's time (decision 0016). */
  planning: {
    /** A meeting planned by hand in a closed period: planned, with this warning. */
    inClosedPeriod: (period: string) =>
      `Bemærk: Datoen ligger i en lukkeperiode (${period}), hvor mange tilbud holder lukket eller har ferie. Mødet er planlagt alligevel; tjek, at alle kan deltage.`,
    /** What is wrong with a part of CLOSED_PERIODS (src/lib/closed-periods.ts). */
    periodShape: (part: string) => `«${part}» skal være et interval som W28..W31, 07-06..08-02 eller 2027-07-05..2027-07-30`,
    periodMixed: (part: string) => `«${part}» blander uger og datoer`,
    periodWeekRange: (part: string) => `«${part}»: en uge er 1 til 53`,
    periodWeeksOrder: (part: string) => `«${part}»: den første uge skal komme før den sidste`,
    periodMonthDay: (part: string) => `«${part}» er ikke en gyldig dato (MM-DD)`,
    periodDate: (part: string) => `«${part}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)`,
    periodDatesOrder: (part: string) => `«${part}»: startdatoen skal komme før slutdatoen`,
    /** CALENDAR_SYNC=graph: someone's Outlook calendar is busy at the time chosen by hand. */
    busyInOutlook: (who: string[]) =>
      `Bemærk: ${who.length > 1 ? `${who.slice(0, -1).join(", ")} og ${who.at(-1)}` : who.join("")} er optaget i Outlook på det tidspunkt. Mødet er planlagt alligevel; flyt det, hvis det ikke passer.`,
  },
  focus: {
    title: "Lokale fokusområder",
    intro: (loop: string) => `Vælg enhedens lokale fokusområder inden for de politisk valgte temaer i ${loop}. De følger med på de næste læringssamtaler.`,
    introLater: "Fokusområderne blev valgt på læringsloopets første læringssamtale. Justér dem her, hvis I beslutter det.",
    themeLabel: "Tema",
    themePlaceholder: "Vælg tema",
    titleLabel: "Fokusområde",
    titlePlaceholder: "Fx: Sprogmiljøet i vuggestuen",
    evaluateLabel: "Evalueres",
    evaluateHint: "Fokusområderne evalueres som udgangspunkt ved læringsloopets afslutning (solnedgang). Vælg en anden dato, hvis I vil evaluere før.",
    endLabel: "Afslut fokusområdet",
    ended: "Afsluttede fokusområder",
    save: "Gem fokusområder",
    saved: "Fokusområderne er gemt.",
    readOnly: "Mødelederen vælger fokusområderne. Her kan du se dem.",
    onlyLaeringssamtale: "Fokusområder hører til læringssamtaler i et læringsloop.",
    onlyChair: "Kun mødelederen kan ændre fokusområderne.",
    chooseTheme: "Vælg et af læringsloopets temaer.",
    titleRequired: "Skriv fokusområdet.",
    evaluateFuture: "Evalueringsdatoen skal ligge efter i dag.",
    tooMany: (n: number) => `Højst ${n} aktive fokusområder. Vælg de vigtigste, eller afslut et andet.`,
    stale: "Fokusområderne er blevet ændret, siden du åbnede kortet. Her er den nyeste udgave.",
    row: (n: number) => `Fokusområde ${n}`,
  },
  board: {
    title: "Bestyrelsens udtalelse",
    /** `meeting` in definite form: «Før læringssamtalen tirsdag …». */
    intro: (meeting: string, when: string, unit: string) =>
      `Før ${meeting} ${when} i ${unit} kan bestyrelsen give en skriftlig udtalelse. Den indgår i datagrundlaget som input fra forældre og bestyrelse (D), og mødets deltagere ser den på dagsordenen.`,
    label: "Bestyrelsens udtalelse",
    placeholder: "Hvad vil bestyrelsen gerne give med til læringssamtalen om de lokale fokusområder?",
    send: "Send udtalelsen",
    sendChanges: "Send rettelser",
    sent: (when: string) => `Sendt ${when}. Du kan rette den, indtil læringssamtalen begynder.`,
    sentNotice: "Udtalelsen er sendt og står nu på dagsordenen.",
    closed: "Læringssamtalen er begyndt, så udtalelsen kan ikke længere rettes.",
    notBoard: "Kun bestyrelsens repræsentanter og mødets deltagere kan se bestyrelsens udtalelse.",
    required: "Skriv udtalelsen, før du sender.",
    focusHeading: "Enhedens lokale fokusområder",
  },
  evaluation: {
    title: "Evalueringsdato nået",
    titlePending: "Evalueringsdato",
    followUpIntro: (date: string) => `Opfølgningspunktet skulle evalueres ${date}: skal det fortsætte, afsluttes eller tages op på næste møde?`,
    focusIntro: (date: string) => `Fokusområdet skulle evalueres ${date}: skal det fortsætte, afsluttes eller tages op på næste læringssamtale?`,
    initiativeIntro: (date: string) =>
      `Forvaltningens indsats skulle evalueres ${date}: skal den fortsætte til en ny evalueringsdato, eller afsluttes? Så længe den er i gang, vejer den på de enheder, den gælder for.`,
    subjectInitiative: "Forvaltningens indsats",
    subjectFollowUp: "Opfølgningspunkt",
    subjectFocus: "Fokusområde",
    evaluateOn: "Evalueres",
    extendButton: "Forlæng",
    extendLabel: "Ny evalueringsdato",
    extendSubmit: "Forlæng til datoen",
    endButton: "Afslut",
    nextButton: "Evaluér på næste møde",
    extended: (date: string) => `Forlænget. Ny evalueringsdato ${date}.`,
    ended: "Afsluttet.",
    onNextAgenda: (date: string) => (date ? `Sat på dagsordenen til næste møde ${date}.` : "Sat på dagsordenen til næste møde."),
    markedNext: "Står på næste mødes dagsorden til evaluering.",
    closedState: (state: string) => `Status: ${state}.`,
    stateEnded: "afsluttet",
    stateDone: "udført",
    dateFuture: "Evalueringsdatoen skal ligge efter i dag.",
    notAllowed: (chair: string) => `Kun den ansvarlige og ${chair}, der holdt mødet, kan beslutte, hvad der skal ske.`,
    notAllowedFocus: "Kun enhedens leder og Børn og Unge-chefen kan beslutte, hvad der skal ske med fokusområdet.",
    notAllowedInitiative: "Kun områdets Børn og Unge-chefer kan beslutte, hvad der skal ske med forvaltningens indsats.",
    noNextForInitiative: "En indsats fra forvaltningen forlænges eller afsluttes; den står ikke på et mødes dagsorden.",
    alreadyClosed: "Det er allerede afsluttet.",
  },
  reminders: {
    reflectionHeading: (when: string) => `Påmindelse: mødet er ${when}, og din refleksion er ikke sendt endnu`,
    snoozeButton: "Mind mig igen",
    snoozeLabel: "Hvornår?",
    snoozeChoices: { 1: "Næste arbejdsdag", 3: "Om tre arbejdsdage", 5: "Om en uge" } as Record<number, string>,
    snoozeSubmit: "Mind mig igen",
    snoozed: (when: string) => `Du bliver mindet om det igen ${when}.`,
  },
  digest: {
    overdueTitle: "Ugens overblik: opfølgningspunkter med overskredet frist",
    overdueIntro: (n: number) =>
      `${n} af dine opfølgningspunkter har overskredet fristen. Markér ${n === 1 ? "det" : "dem"} udført, eller flyt fristen, hvis planen er ændret.`,
    overdueItem: (text: string, due: string) => md`**${text}** (frist ${due})`,
    chiefTitle: "Ugens overblik over dit område",
    chiefIntro: "Opfølgningspunkter pr. enhed: åbne, heraf med overskredet frist, og udført den seneste uge.",
    chiefItem: (unit: string, open: number, overdue: number, done: number) =>
      md`**${unit}**: ${count(open, "åbent", "åbne")}, ${count(overdue, "overskredet", "overskredne")}, ${done} udført i ugen`,
    noUnits: "Du har ingen aktive enheder i Læringsloop.",
    tasksButton: "Mine opgaver",
    settingsButton: "Indstillinger",
    settingsHint: md`Du kan vælge tidspunktet eller slå overblikket fra under **indstillinger**.`,
  },
  preferences: {
    title: "Dine påmindelser",
    intro: "Vælg, hvilke påmindelser du vil have. Dagsordener, nye opfølgningspunkter, referater og evalueringsdatoer kommer altid; de er selve arbejdet.",
    groups: {
      reflection: "Påmindelse dagen før et møde, hvis din refleksion ikke er sendt",
      dueSoon: "«Fristen nærmer sig» før et opfølgningspunkts frist",
      overdue: "«Fristen er overskredet» og det ugentlige overblik over overskredne frister",
      areaDigest: "Ugentligt overblik over dit område",
    },
    digestTimeLabel: "Tidspunkt for de ugentlige overblik (første arbejdsdag i ugen)",
    absentLabel: "Fraværende indtil (den dag, du er tilbage; dine påmindelser venter til da)",
    absentNone: "Du er ikke registreret som fraværende.",
    save: "Gem",
    saved: "Dine indstillinger er gemt.",
    absenceInPast: "Datoen skal ligge efter i dag.",
    absenceTooFar: "Fravær kan højst registreres et år frem.",
    digestTimeInvalid: (from: string, to: string) => `Vælg et helt klokkeslæt i arbejdstiden (${from}–${to}).`,
    /** `lastDay` is the last day away (the day before the one the person is back). */
    absentSet: (lastDay: string, resumes: string) =>
      `Du er registreret som fraværende til og med ${lastDay}. Dine påmindelser venter til ${resumes}. Dagsordener til møder sendes stadig til de andre deltagere.`,
    absentCleared: "Du er ikke længere registreret som fraværende. Påmindelser, der ventede, kommer nu (i arbejdstiden).",
    absentStatus: (lastDay: string) => md`Du er registreret som fraværende til og med ${lastDay}. Skriv **fraværende slut**, når du er tilbage før.`,
    absentUsage:
      md`Skriv fx **fraværende til i morgen**, **fraværende til mandag**, **fraværende til uge 3** eller **fraværende til og med 12/1**: «til» er den dag, du er tilbage, «til og med» din sidste fraværsdag. **fraværende slut** afslutter fraværet.`,
    absentBadDate:
      md`Den dato kan jeg ikke læse. Skriv fx **fraværende til i morgen**, **fraværende til fredag**, **fraværende til næste mandag**, **fraværende til uge 3**, **fraværende til 12/1** eller **fraværende til 12. januar 2027**.`,
    snoozeNotYours: "Påmindelsen er ikke din; kun den, den er sendt til, kan udsætte den.",
    snoozePastMeeting: "Mødet begynder inden da, så påmindelsen kan ikke udsættes så længe. Vælg et kortere tidsrum.",
  },
  channel: {
    notChiefOfArea: "Kun Børn og Unge-chefen for området kan lade en kanal følge det.",
    notInChannel: "Skriv det i den kanal, der skal følge området (nævn Læringsloop med @).",
    /** Teams lets no bot post in a private channel: the chief's status card could never come there. */
    privateChannel:
      "En privat kanal kan ikke følge et område: Microsoft Teams lader ikke bots skrive i private kanaler, så statuskortet og ugens overblik kan ikke komme her. Brug i stedet en standardkanal i et team, hvor kun Børn og Unge-cheferne er medlemmer: opret fx teamet «Børn og Unge-chefer», tilføj Læringsloop til teamet, og skriv @Læringsloop følg område i en af dets standardkanaler. Kortene viser status og antal, aldrig refleksioner.",
    alsoInYourChat: "Det står også i din chat med Læringsloop.",
    firstPostRefused:
      "Teams afviste statuskortet i denne kanal, så den følger ikke området. Er det en privat kanal? Dér kan bots ikke skrive. Brug en standardkanal i et team, hvor kun Børn og Unge-cheferne er medlemmer (tilføj Læringsloop til teamet), og skriv @Læringsloop følg område dér.",
    notFollowed: "Kanalen følger ikke dette område (længere). En Børn og Unge-chef for området kan skrive @Læringsloop følg område.",
    noLongerFollowed: (area: string) => `Kanalen følger ikke længere ${area}. Skriv @Læringsloop følg område for at følge det igen.`,
    linkTitle: "Følg et område i denne kanal",
    linkIntro: "Kanalen får ét statuskort pr. område, som opdateres løbende, og et ugentligt overblik. Refleksioner vises aldrig her.",
    areaLabel: "Område",
    linkButton: "Følg området",
    unlinkButton: "Stop med at følge",
    followed: (areas: string) => `Kanalen følger: ${areas}.`,
    followsNothing: "Kanalen følger ingen områder endnu.",
    noAreas: "Du er ikke Børn og Unge-chef for noget område i Læringsloop, så du kan ikke lade en kanal følge et område. Er det en fejl, så kontakt fællesfunktionerne.",
    linked: (area: string) => `Kanalen følger nu ${area}. Statuskortet står herunder og opdateres løbende.`,
    alreadyLinked: (area: string) => `Kanalen følger allerede ${area}.`,
    unlinked: (area: string) => `Kanalen følger ikke længere ${area}.`,
    chooseArea: "Vælg et område.",
    statusTitle: (area: string) => `Status: ${area}`,
    statusUpdated: (when: string) => `Opdateret ${when}`,
    unitLine: (unit: string) => md`**${unit}**`,
    congested: "mange indsatser på én gang",
    open: (n: number) => count(n, "åbent", "åbne"),
    dueThisWeek: (n: number) => count(n, "frist denne uge", "frister denne uge"),
    overdue: (n: number) => count(n, "overskredet", "overskredne"),
    doneLast30: (n: number) => `${n} udført (30 dage)`,
    focusAreas: (n: number) => count(n, "fokusområde", "fokusområder"),
    nextMeeting: (kind: string, when: string, sent: number, expected: number) =>
      expected > 0 ? `Næste: ${kind} ${when} (refleksioner ${sent}/${expected})` : `Næste: ${kind} ${when}`,
    noNextMeeting: "Intet møde planlagt",
    moreUnits: (n: number) => `… og ${count(n, "enhed", "enheder")} mere uden overskredne frister (vælg ${n === 1 ? "den" : "dem"} herunder).`,
    noUnits: "Området har ingen aktive enheder.",
    completionTitle: "Opfølgningspunkter udført, efter fristens måned (%)",
    overdueTitle: "Overskredne frister pr. enhed",
    noOverdue: "Ingen overskredne frister.",
    barLabel: (label: string, value: number, suffix: string) => `${label}: ${value}${suffix}`,
    unitPickLabel: "Se en enhed",
    unitPickPlaceholder: "Vælg enhed",
    unitPickButton: "Vis enheden",
    unitTitle: (unit: string) => `Enhed: ${unit}`,
    unitOpen: "Åbne opfølgningspunkter fra læringssamtaler",
    unitOpenNone: "Ingen åbne opfølgningspunkter.",
    unitItem: (text: string, owner: string, due: string, overdue: boolean) => `${text} — ${owner}, frist ${due}${overdue ? " (overskredet)" : ""}`,
    unitDecisions: "Seneste beslutninger fra læringssamtaler",
    unitDecisionsNone: "Ingen beslutninger endnu.",
    unitDecision: (text: string, kind: string, date: string) => `${text} (${kind} ${date})`,
    unitUpcoming: "Kommende møder i årshjulet",
    unitUpcomingNone: "Ingen planlagte møder.",
    unitPrivacy: "Refleksioner vises kun for mødets deltagere og aldrig i en kanal.",
    unknownUnit: "Vælg en enhed fra listen.",
    digestTitle: (area: string) => `Ugens overblik: ${area}`,
    digestChanges: (created: number, done: number) => `Den seneste uge: ${count(created, "nyt opfølgningspunkt", "nye opfølgningspunkter")}, ${done} udført.`,
    digestOverdue: "Overskredet i ugen",
    digestOverdueNone: "Ingen frister er overskredet i ugen.",
    digestOverdueItem: (unit: string, text: string, owner: string, due: string) => `${unit}: ${text} — ${owner}, frist ${due}`,
    digestUpcoming: "Møder de næste 14 dage",
    digestUpcomingNone: "Ingen møder de næste 14 dage.",
    digestUpcomingItem: (unit: string, kind: string, when: string) => `${unit}: ${kind} ${when}`,
    exportButton: "Eksportér til kvalitetsrapporten",
    exportFrom: "Fra",
    exportTo: "Til",
    exportSubmit: "Send mig linkene",
    exportSent: "Linkene til eksporten er sendt til dig i din personlige chat med Læringsloop. De virker én gang og i 15 minutter.",
    exportLinks: (area: string, from: string, to: string) => `Eksport af ${area}, ${from}–${to}: beslutninger, opfølgningspunkter og fokusområder.`,
    exportCsv: "Hent CSV (til Excel)",
    exportXlsx: "Hent Excel-projektmappe",
    exportExpires: "Linkene virker kun for dig, én gang hver, og udløber om 15 minutter.",
    exportNoChat: "Du skal først have åbnet en personlig chat med Læringsloop (installér botten for dig selv), så jeg kan sende dig linket.",
    downloadGone: "Linket er udløbet eller allerede brugt. Bed om et nyt fra statuskortet i kanalen.",
  },
  exportFile: {
    /** Sheet (and CSV file) names. */
    sheets: { decisions: "Beslutninger", followUps: "Opfølgningspunkter", focusAreas: "Fokusområder", summary: "Opsamling" },
    decisions: { unit: "Enhed", meetingDate: "Mødedato", meetingKind: "Møde", agendaItem: "Dagsordenspunkt", decision: "Beslutning" },
    followUps: {
      unit: "Enhed",
      meetingDate: "Mødedato",
      meetingKind: "Møde",
      decision: "Beslutning",
      text: "Opfølgningspunkt",
      owner: "Ansvarlig",
      dueDate: "Frist",
      status: "Status",
      doneOn: "Udført dato",
      evaluateOn: "Evalueringsdato",
    },
    focusAreas: { unit: "Enhed", loop: "Læringsloop", theme: "Tema", title: "Fokusområde", status: "Status", evaluateOn: "Evalueringsdato" },
    /** «Opsamling»: what each unit's loop learned, per focus area (seed 002). */
    summary: {
      unit: "Enhed",
      loop: "Læringsloop",
      theme: "Tema",
      title: "Fokusområde",
      status: "Status",
      evaluateOn: "Evalueringsdato",
      evaluations: "Evalueringer",
      aboutIt: "Beslutninger om fokusområdet",
      samtaler: "Enhedens læringssamtaler i loopet (i perioden)",
      decisions: "Enhedens beslutninger",
      done: "Enhedens aftaler udført",
      open: "Enhedens aftaler åbne",
      ended: "Enhedens aftaler afsluttet uden at være udført",
    },
    statuses: { open: "Åben", done: "Udført", cancelled: "Annulleret", active: "Aktiv", ended: "Afsluttet" } as Record<string, string>,
    title: (area: string, from: string, to: string) => `Læringsloop – ${area}, ${from}–${to}`,
    usage: "Brug: npm run export -- --area <område-id> --from <åååå-mm-dd> --to <åååå-mm-dd> [--out <mappe>] [--format csv|xlsx|begge]",
    unknownArea: (id: string, known: string) => `Området «${id}» findes ikke. Kendte områder: ${known}.`,
    badPeriod: "Perioden er ugyldig: --from og --to skal være datoer som 2027-01-31, og --from må ikke ligge efter --to.",
    written: (files: string) => `Eksporten er skrevet: ${files}`,
  },
  /** «Føj til kalender» (CALENDAR_SYNC=link): the Teams deep link and the .ics files (src/domain/calendar.ts). */
  calendar: {
    button: "Føj til kalender",
    chairIntro:
      "«Opret Teams-møde» åbner Teams' mødeformular udfyldt med tid, deltagere og beskrivelse: du bliver mødeindkalder, og deltagerne får en invitation. Eller hent en kalenderfil til din egen kalender.",
    teamsButton: "Opret Teams-møde",
    /** On a cancelled meeting: its file takes it out of the calendar again. */
    removeButton: "Fjern fra kalender",
    icsButton: "Hent kalenderfil (.ics)",
    /** The entry's title: «Læringssamtale: Dagtilbud Solsikken». */
    title: (kind: string, what: string) => `${kind}: ${what}`,
    and: " og ",
    cancelledTitle: (title: string) => `Aflyst: ${title}`,
    chairName: (name: string) => `${name} (mødeleder)`,
    about: (kindInText: string, unit: string) => `Læringsloop: ${kindInText} i ${unit}.`,
    participants: (names: string) => `Deltagere: ${names}.`,
    botLink: (url: string) => `Dagsorden, refleksionsguide og opfølgning finder I i chatten med Læringsloop i Teams: ${url}`,
    inTeams: "Dagsorden, refleksionsguide og opfølgning finder I i chatten med Læringsloop i Teams.",
    wheelName: (unit: string) => `Læringsloop – ${unit}`,
    /** Under the confirmed årshjul. */
    wheelHint: "«Føj til kalender» giver dig én kalenderfil med alle årshjulets møder, du deltager i: åbn den i Outlook, så står de i kalenderen. Flyttes et møde, henter du filen igen, og kalenderen følger med. Aflyses et møde, fjerner du det fra kalenderen med «Fjern fra kalender» på mødet (i «mine møder» eller på dagsordenen).",
    off: "Kalenderen er slået fra i denne installation.",
    noneInWheel: (unit: string) => `Du deltager endnu ikke i nogen møder i årshjulet for ${unit}. Når årshjulet er godkendt, kan du lægge dem i kalenderen.`,
    linkTitle: "Kalenderfil",
    meetingLink: (kindDefinite: string, when: string) => `Kalenderfilen med ${kindDefinite} ${when}.`,
    unitLink: (n: number, unit: string) => `Kalenderfilen med ${count(n, "møde", "møder")}, du deltager i, i årshjulet for ${unit}.`,
    download: "Hent kalenderfilen",
    expires:
      "Linket virker kun for dig, én gang, og udløber om 15 minutter. Åbn filen i Outlook eller din kalender. Henter du en ny fil, når et møde er flyttet eller aflyst, opdaterer den de møder, der allerede står i kalenderen.",
    sent: "Linket til kalenderfilen er sendt til dig i chatten. Det virker én gang og i 15 minutter.",
    gone: "Linket er udløbet eller allerede brugt. Tryk «Føj til kalender» på mødets kort eller årshjulet igen for at få et nyt.",
    /** CALENDAR_SYNC=graph: the event in the chair's Outlook calendar. */
    agendaHeading: "Dagsorden",
    openInBot: "Åbn dagsordenen i Læringsloop",
    /** The comment Outlook sends the attendees with the cancellation. */
    cancelComment: "Mødet er aflyst i Læringsloop.",
    declinedTitle: "Afbud i kalenderen",
    declined: (who: string, kindDefinite: string, when: string) => `${who} har meldt afbud i Outlook til ${kindDefinite} ${when}. Mødet står stadig i Læringsloop: flyt eller aflys det der, hvis det skal.`,
  },
  /** To a meeting's chair (or the unit's chief) when someone their cards are for cannot be reached in Teams (reach-service.ts). */
  reach: {
    title: (name: string) => `${name} kan ikke nås i Teams`,
    /** Why, by what the bot knows. */
    notInstalled: (name: string) => md`Læringsloop kan ikke sende til **${name}**: appen er ikke installeret for ${name} i Teams endnu.`,
    refused: (name: string) => md`Teams afviser at levere til **${name}**: appen er fjernet eller blokeret, eller chatten kan ikke nås lige nu.`,
    installForbidden: (name: string) =>
      md`Læringsloop kunne ikke installeres automatisk for **${name}**: Microsoft Graph svarede, at det ikke er tilladt (administratorsamtykket mangler, eller en apppolitik blokerer appen).`,
    installUserUnknown: (name: string) => md`Læringsloop kunne ikke installeres automatisk for **${name}**: Microsoft Graph kender ikke brugeren (passer Entra-id'et i organisationsfilen?).`,
    installNotYet: (name: string) => md`Læringsloop er endnu ikke blevet installeret automatisk for **${name}** (Microsoft Graph har ikke svaret, eller forsøget er ikke lykkedes).`,
    waitingHeading: (name: string) => md`Disse kort venter på ${name}:`,
    waitingUntil: (until: string) => `De venter til ${until} og sendes ikke derefter.`,
    /** One meeting's cards: «dagsorden og refleksionsguide til 1:1 ledelsesopfølgningen mandag den …». */
    forMeeting: (cards: string, meeting: string, when: string) => `${cards} til ${meeting} ${when}`,
    cardNames: {
      meeting_agenda: "dagsorden",
      meeting_reflection: "refleksionsguide",
      reflection_reminder: "påmindelse om refleksionen",
      board_statement: "anmodning om bestyrelsens udtalelse",
      board_statement_reminder: "påmindelse om bestyrelsens udtalelse",
      board_report: "bestyrelsens afrapportering",
      board_report_received: "bestyrelsens afrapportering",
      meeting_cancelled: "besked om aflysning",
      ad_hoc_removed: "besked om, at du ikke længere er med",
      referat: "referat",
      guest_links: "links til deltagere uden Teams",
    } as Record<string, string>,
    /** Cards without a meeting, counted. */
    otherCards: {
      followup_assigned: (n: number) => count(n, "nyt opfølgningspunkt", "nye opfølgningspunkter"),
      followup_due_soon: (n: number) => count(n, "påmindelse om en frist, der nærmer sig", "påmindelser om frister, der nærmer sig"),
      followup_overdue: (n: number) => count(n, "påmindelse om en overskredet frist", "påmindelser om overskredne frister"),
      followup_expiry: (n: number) => count(n, "evalueringsdato for et opfølgningspunkt", "evalueringsdatoer for opfølgningspunkter"),
      focus_expiry: (n: number) => count(n, "evalueringsdato for et fokusområde", "evalueringsdatoer for fokusområder"),
    } as Record<string, (n: number) => string>,
    andJoin: " og ",
    /** What to do, by why. */
    doNotInstalled: (name: string) =>
      `Bed ${name} om at åbne Læringsloop i Teams (Apps → Læringsloop): så kommer kortene med det samme. Bed IT om at forhåndsinstallere Læringsloop for alle, der skal bruge den, med en opsætningspolitik i Teams Admin Center, så det ikke sker igen.`,
    doRefused: (name: string) => `Bed ${name} om at åbne Læringsloop i Teams igen (Apps → Læringsloop): så kommer kortene med det samme.`,
    doInstallForbidden: (name: string) =>
      `Bed IT om at give administratorsamtykke til tilladelsen TeamsAppInstallation.ReadWriteSelfForUser.All for Læringsloops app-registrering og tillade appen i Teams Admin Center, eller om at forhåndsinstallere den med en opsætningspolitik. Indtil da: bed ${name} om at åbne Læringsloop i Teams (Apps → Læringsloop).`,
  },
  status: {
    heading: "Læringsloops udbakke (påmindelser og kort) – antal pr. status og slags:",
    usage: "Brug: npm run status -- [--json] [--all]\n--json skriver det samme som JSON; --all viser alle afsendelser, der ikke er sendt endnu (ellers de første 50).",
    statusNames: { pending: "planlagt", sending: "sendes", sent: "sendt", failed: "fejlet", cancelled: "annulleret" } as Record<string, string>,
    none: "(ingen)",
    late: (n: number) => `Advarsel: ${count(n, "planlagt påmindelse er", "planlagte påmindelser er")} mere end en time ${n === 1 ? "forsinket" : "forsinkede"}. Kører botten (npm start)?`,
    notLate: "Ingen planlagte påmindelser er forsinkede.",
    waitingHeading: (total: number) => `Ikke sendt endnu (${total}), først forfaldne først: hvornår, hvad, til hvem (id), hvorfor:`,
    waitingMore: (n: number) => `  … og ${n} flere (npm run status -- --all viser alle).`,
    /** Why a send has not gone yet (src/domain/wait-reasons.ts); dates already formatted. */
    waiting: {
      sending: "sendes nu",
      muted: "slået fra i personens indstillinger; annulleres, når den forfalder",
      absent: (until: string) => `personen er fraværende til ${until}`,
      outsideHours: (at: string) => `uden for arbejdstiden; sendes ${at}`,
      noConversation: (since?: string) => `personen har ikke installeret botten endnu${since ? ` (venter siden ${since})` : ""}`,
      unreachable: (error: string, since?: string) => `samtalen kunne ikke nås (${error}); venter på, at personen er tilbage${since ? ` (siden ${since})` : ""}`,
      retrying: (error: string, attempts: number) => `nyt forsøg efter fejl (${error}; ${attempts} forsøg indtil nu)`,
      notDue: "ikke forfalden endnu",
      due: "forfalden; sendes ved næste kørsel",
    },
    failedHeading: "Fejlede afsendelser (nyeste først):",
    reason: (reason: string, attempts: number) => `årsag: ${reason}${attempts > 1 ? ` (${attempts} forsøg)` : ""}`,
    unconfirmedHeading: "Ubekræftede (botten stoppede midt i afsendelsen, eller Teams svarede ikke i tide; de er ikke sendt igen for ikke at komme to gange):",
    inactiveHeading: "Personer, Teams afviser at sende til (botten fjernet, eller brugeren findes ikke):",
    unreachableHeading: (n: number) => `Kan ikke nås (${n}): hvem (id), hvor mange kort venter, siden hvornår, automatisk installation, hvem der har fået besked:`,
    unreachable: {
      cards: (n: number) => count(n, "kort venter", "kort venter"),
      since: (at: string) => `siden ${at}`,
      never: "aldrig nået (appen ikke installeret)",
      refused: (reason: string) => `afvist af Teams (${reason})`,
      back: "kan nås igen; kortene sendes ved næste kørsel",
      install: {
        none: "ingen automatisk installation",
        waiting: (attempts: number) => `automatisk installation i gang (${attempts} forsøg)`,
        done: "installeret automatisk",
        failed: (reason: string) => `automatisk installation mislykkedes (${reason})`,
      } as { none: string; waiting: (attempts: number) => string; done: string; failed: (reason: string) => string },
      told: (who: string, at: string) => `${who} fik besked ${at}`,
      toTell: (who: string, at: string) => `${who} får besked ${at}`,
      notTold: (who: string, why: string) => `${who} får ikke besked (${why})`,
      nobody: "ingen at give besked (personens egne kort)",
    },
    noDatabase: (file: string) => `Databasen ${file} findes ikke. Er DATABASE_URL rigtig, og er botten startet én gang?`,
    /** The bot's credential as its last check (a token request to Entra ID, at start and hourly) left it. */
    credentialHeading: "Bottens legitimation (seneste token-anmodning til Entra ID):",
    credentialNone: "  (ikke kontrolleret endnu: botten kører uden legitimation, eller den er ikke startet med denne udgave)",
    credentialState: (appId: string, when: string, state: string, reason?: string) => {
      const what =
        state === "ok"
          ? "i orden"
          : state === "rejected"
            ? `AFVIST af Entra ID (${reason ?? "ukendt årsag"}): alle afsendelser til Teams fejler, til klienthemmeligheden (BOT_PASSWORD) er skiftet`
            : `kunne ikke kontrolleres: Entra ID svarede ikke (${reason ?? "ukendt årsag"})`;
      return `  app ${appId}, kontrolleret ${when}: ${what}`;
    },
    secretExpires: (date: string, days: number, soon: boolean) =>
      days < 0
        ? `  Klienthemmeligheden udløb ${date}: lav en ny i Entra-appregistreringen, og sæt BOT_PASSWORD og BOT_SECRET_EXPIRES.`
        : `  Klienthemmeligheden udløber ${date} (om ${count(days, "dag", "dage")})${soon ? ": lav en ny i Entra-appregistreringen nu, og sæt BOT_PASSWORD og BOT_SECRET_EXPIRES" : ""}.`,
  },
  trial: {
    /** «send nu» in local anonymous mode: what would come by the end of the next working day goes now. */
    sent: (count: number, until: string, away: number) =>
      `Lokal afprøvning: ${count === 1 ? "1 planlagt kort" : `${count} planlagte kort`}, der ellers ville komme senest ${until}, sendes nu, også uden for arbejdstiden.` +
      (away > 0 ? ` Kort til ${away === 1 ? "1 fraværende person" : `${away} fraværende personer`} venter, til de er tilbage.` : "") +
      " «send nu» findes kun, når botten kører lokalt uden bot-legitimation.",
    nothing: (until: string) =>
      `Lokal afprøvning: intet planlagt skulle sendes før ${until}. Planlæg et møde med «planlæg 1:1» inden for de næste fire arbejdsdage, og skriv «send nu» igen.`,
  },
  playground: {
    usage:
      "Brug: npm run playground [-- --port <port>] [--bot <adresse>]   eller   npm run playground:leader [-- --port <port>] [--bot <adresse>]\n" +
      "--port: Playgroundens port (chefen 56150, lederen 56151); --bot: bottens /api/messages (ellers http://127.0.0.1:<PORT>/api/messages, PORT fra miljøet eller .env).",
    started: (name: string, url: string, endpoint: string) => `Agents Playground som ${name}: ${url} (botten: ${endpoint}). Stop den med Ctrl+C.`,
    portBusy: (port: number) => `Port ${port} er optaget (kører denne Playground allerede?). Vælg en anden: -- --port <port>.`,
    botNotRunning: (endpoint: string) => `Botten svarer ikke på ${endpoint} endnu: start den i et andet vindue med npm start.`,
  },
  /** A setting without a message of its own (src/config.ts): zod's checks said in Danish. */
  config: {
    notNumber: "skal være et tal",
    wholeNumber: "skal være et helt tal",
    atLeast: (n: number | bigint) => `skal være mindst ${n}`,
    atMost: (n: number | bigint) => `må højst være ${n}`,
    notAddress: "skal være en adresse som https://…",
    oneOf: (options: string[]) => `skal være en af: ${options.join(", ")}`,
    notText: "skal være tekst",
    invalid: "er ugyldig",
  },
  database: {
    /** Start-up could not reach PostgreSQL (the URL is shown without its password). */
    unreachable: (url: string, reason: string) => `Databasen ${url} kan ikke nås (${reason}). Er DATABASE_URL rigtig, og kører PostgreSQL-serveren?`,
    /** An admin command from a copy of Læringsloop that is not the version the bot runs. */
    databaseNewer: (url: string, names: string[]) =>
      `Databasen ${url} er migreret af en nyere udgave af Læringsloop end denne kopi (${names.join(", ")}). Hent den udgave, botten kører (git pull, eller git checkout <udgave>), og kør npm install.`,
    copyNewer: (url: string, names: string[]) =>
      `Denne kopi af Læringsloop er nyere end databasen ${url} (${names.join(", ")} mangler i databasen). Brug den udgave, botten kører (git checkout <udgave>, og npm install), eller opgradér botten først: kommandoerne migrerer aldrig databasen.`,
    changedMigration: (url: string, names: string[]) =>
      `Databasen ${url} passer ikke med denne kopi af Læringsloop: ${names.join(", ")} er ændret, efter den blev anvendt. Hent den udgave, botten kører, uden lokale ændringer.`,
    /** The role in DATABASE_URL may only read (the reports' role) and the command writes. */
    readOnlyRole: (url: string) => `Rollen i DATABASE_URL (${url}) må ikke skrive i databasen. gdpr:erase og org:import kræver en rolle, der må skrive (docs/admin-from-your-machine.md); rapporterne klarer sig med læserollen.`,
  },
  /** Teams' command menu (the app manifest's commandLists): title and description of each command offered there. */
  manifestCommands: {
    help: { title: "hjælp", description: "Vis hvad Læringsloop kan" },
    schedule: { title: "planlæg 1:1", description: "Planlæg en 1:1 ledelsesopfølgning" },
    myMeetings: { title: "mine møder", description: "Se kommende og seneste møder" },
    myTasks: { title: "mine opgaver", description: "Se dine åbne opfølgningspunkter" },
    yearWheel: { title: "årshjul", description: "Se og godkend enhedernes årshjul" },
    reassign: { title: "giv videre", description: "Giv opfølgningspunkter videre, når den ansvarlige er stoppet" },
    initiatives: { title: "indsatser", description: "Forvaltningens indsatser, og hvad der vejer på enhederne" },
    preferences: { title: "indstillinger", description: "Vælg dine påmindelser og tidspunktet for ugens overblik" },
    absence: { title: "fraværende til", description: "Lad påmindelser vente, fx fraværende til 12.01.2027" },
    channelFollow: { title: "følg område", description: "Lad kanalen følge et område: statuskort, ugens overblik og eksport (Børn og Unge-chefer)" },
  },
  orgImport: {
    usage: "Brug: npm run org:import -- <organisationsfil.yaml>   (uden fil: den, ORG_FILE peger på)",
    imported: (file: string, counts: string) => `Organisationen er indlæst fra ${file}: ${counts}`,
    deactivated: (people: string) => `; ${people} findes ikke længere i filen og er markeret inaktiv(e).`,
    toReassign:
      "Disse personer er ikke længere med, men er ansvarlige for åbne opfølgningspunkter. Børn og Unge-chefen får et kort i Teams (og kan skrive «giv videre») for at give dem videre:",
  },
  retention: {
    /** What stands where a text was, once the minutes passed their retention time. */
    erasedText: "[Slettet efter opbevaringsfristen]",
  },
  audit: {
    usage: "Brug: npm run audit -- <id> [--json]\n<id> er et mødes, et opfølgningspunkts, en beslutnings eller en persons id.",
    none: (id: string) => `Ingen ændringer i loggen for ${id}.`,
    person: "ansvarlig",
    formerPerson: "tidligere",
  },
  gdpr: {
    /** The name an erased person is shown with in other people's records. */
    erasedName: "Anonymiseret person",
    usage: "Brug: npm run gdpr:export -- <person> [--out fil.json | --out -]   eller   npm run gdpr:erase -- <person>\n<person> er personens nøgle fra organisationsfilen, Entra-objekt-id eller e-mailadresse.",
    notFound: (who: string) => `Ingen person med nøglen, Entra-objekt-id'et eller e-mailadressen «${who}».`,
    stillActive: (id: string) =>
      `Personen ${id} står stadig i organisationsfilen. Fjern personen fra filen, og kør npm run org:import (eller genstart botten) først; ellers oprettes personen igen ved næste indlæsning.`,
    exported: (file: string) => `Alt om personen er skrevet til ${file}.`,
    erased: (newId: string) => `Personen er anonymiseret: id'et er nu ${newId}, og navnet vises som «Anonymiseret person» i andres optegnelser.`,
    nameMentions: (n: number) =>
      `${count(n, "tekst", "tekster")}, som andre har skrevet, nævner personens fornavn. De er bevaret (notatpligt). Gennemgå dem: beslutninger, opfølgningspunkter og indstillinger rettes i opfølgningsskemaet; punkter på dagsordenen, kommentarer og tidligere versioner af skemaet kan kun rettes direkte i databasen:`,
  },
  /** The forvaltning's own initiatives (docs/decisions/0020-what-weighs-on-a-unit.md). */
  initiatives: {
    title: "Forvaltningens indsatser",
    intro:
      "Alt, hvad forvaltningen sætter i gang, vejer på enhederne sammen med deres egne fokusområder og aftaler. Registrér jeres indsatser her, så I kan se, hvad den enkelte enhed bærer, og undgå intentionstrængsel.",
    loadHeading: "Hvad vejer på enhederne nu",
    loadLine: (unit: string, n: number, ceiling: number, parts: { focusAreas: number; initiatives: number; agreements: number }) =>
      `${unit}: ${count(n, "igangværende indsats", "igangværende indsatser")} (loft ${ceiling}) · ${count(parts.focusAreas, "fokusområde", "fokusområder")}, ${parts.initiatives} fra forvaltningen, ${count(parts.agreements, "aftale", "aftaler")}`,
    activeHeading: "Igangværende indsatser fra forvaltningen",
    none: "Ingen endnu.",
    line: (title: string, from: string, evaluate: string | undefined, appliesTo: string) =>
      `${title} · fra ${from}${evaluate ? ` · evalueres ${evaluate}` : ""} · ${appliesTo}`,
    wholeArea: (area: string) => `Hele ${area}`,
    newHeading: "Registrér en ny indsats",
    titleLabel: "Indsats",
    titlePlaceholder: "Fx: Ny model for sprogvurderinger",
    scopeLabel: "Gælder for",
    fromLabel: "Fra",
    evaluateLabel: "Evalueres",
    evaluateHint: "Som udgangspunkt ved læringsloopets afslutning (solnedgang), så indsatsen bliver evalueret og ikke bare fortsætter.",
    save: "Registrér indsatsen",
    end: "Afslut",
    saved: (title: string) => `Indsatsen «${title}» er registreret.`,
    alreadySaved: (title: string) => `Indsatsen «${title}» var allerede registreret.`,
    onlyChief: "Kun Børn og Unge-chefer kan registrere forvaltningens indsatser.",
    titleRequired: "Skriv, hvad indsatsen er.",
    chooseScope: "Vælg, hvilke enheder indsatsen gælder for.",
    notYourUnit: "Vælg blandt enhederne i dine egne områder.",
    oneArea: "En indsats gælder for enheder i ét område. Registrér den for hvert område for sig.",
    evaluateRequired: "Vælg en evalueringsdato: der er intet læringsloop at tage slutningen fra.",
    evaluateAfterFrom: "Evalueringsdatoen skal ligge efter startdatoen.",
    evaluateFuture: "Evalueringsdatoen skal ligge efter i dag.",
    evaluateTooFar: "Evalueringsdatoen ligger for langt ude (højst tre år frem).",
  },
  /** What the loop learned (seed 002: «samles der systematisk op på det lokale arbejde med fokusområderne»). */
  loopSummary: {
    title: (unit: string) => `Opsamling på læringsloopet: ${unit}`,
    intro: (n: number) =>
      `Læringsloopets ${n === 4 ? "fjerde" : `${n}.`} læringssamtale er afsluttet. Her er opsamlingen på enhedens arbejde med de lokale fokusområder til kvalitetsrapporten. Den står også i eksporten (fanen «Opsamling»).`,
    focusHeading: "Lokale fokusområder",
    noFocus: "Enheden valgte ingen lokale fokusområder i loopet.",
    focusLine: (title: string, theme: string) => `${title} (tema: ${theme})`,
    active: "fortsat aktivt",
    ended: (when: string) => `afsluttet ${when}`,
    evaluateOn: (when: string) => `evalueres ${when}`,
    extended: (n: number) => `forlænget ${n === 1 ? "én gang" : `${n} gange`}`,
    evaluateNext: "evalueres på næste møde",
    otherDecisionsHeading: "Øvrige beslutninger fra læringssamtalerne",
    datedDecision: (when: string, text: string) => `${when}: ${text}`,
    samtale: (when: string) => `Læringssamtalen ${when}`,
    decisionLine: (text: string, done: number, open: number, ended: number) =>
      done + open + ended === 0 ? text : `${text} — aftaler: ${done} udført, ${count(open, "åben", "åbne")}, ${ended} afsluttet uden at være udført`,
    totals: (done: number, open: number, ended: number) =>
      `I alt: ${count(done, "aftale", "aftaler")} udført, ${count(open, "åben", "åbne")} og ${ended} afsluttet uden at være udført.`,
    notChief: "Kun enhedens Børn og Unge-chef får opsamlingen på læringsloopet.",
  },
  /**
   * The leaders' proposals before a læringssamtale (seed 002): focus areas «udvalgt med afsæt i de
   * lokale lederes egne anbefalinger», and the indstilling («Det indstilles, at …») per point.
   */
  proposals: {
    focus: {
      introLeader: (loop: string) =>
        `Foreslå enhedens lokale fokusområder inden for de politisk valgte temaer i ${loop}. Mødelederen får dit forslag og godkender eller justerer det på læringssamtalen.`,
      introChair: (leader: string) => `${leader} har foreslået fokusområderne herunder. Godkend dem, eller justér dem, som I beslutter på læringssamtalen.`,
      proposedBy: (leader: string, when?: string) => (when ? `Foreslået af ${leader} ${when}.` : `Foreslået af ${leader}.`),
      approvedBy: (chair: string, when: string) => `Godkendt af ${chair} ${when}.`,
      send: "Send forslaget",
      sendChanges: "Send rettelser til forslaget",
      sent: "Forslaget er sendt til mødelederen. Du kan rette det, indtil det er godkendt.",
      approve: "Godkend fokusområderne",
      approved: "Fokusområderne er godkendt.",
      alreadyApproved: "Fokusområderne er allerede godkendt, så forslaget kan ikke længere rettes.",
      notLeader: "Kun enhedens leder kan foreslå fokusområderne.",
      meetingOver: "Læringssamtalen er afholdt eller aflyst, så der kan ikke længere foreslås fokusområder på den.",
      empty: "Skriv mindst ét fokusområde, før du sender forslaget.",
      stale: "Forslaget er blevet ændret, siden du åbnede kortet. Her er den nyeste udgave.",
      proposalHeading: "Lederens forslag",
    },
    indstilling: {
      heading: "Indstilling",
      label: "Det indstilles, at …",
      placeholder: "Fx: forældrene inddrages i arbejdet med sprogmiljøet",
      draftIntro: "Skriv indstillingen til de punkter, du står for. Opfølgningsskemaet starter fra den på mødet, hvor beslutningen skrives.",
      save: "Gem indstillingerne",
      saved: (n: number) => (n === 0 ? "Intet at gemme: indstillingerne er uændrede." : n === 1 ? "Indstillingen er gemt." : `${n} indstillinger er gemt.`),
      notAsked: "Denne mødetype har ingen indstillinger på dagsordenen.",
      closed: "Mødet er lukket, så indstillingerne kan ikke længere rettes her.",
      notYours: "Du kan kun skrive indstillingen til de punkter, du selv har sat på dagsordenen. Mødelederen kan skrive til alle punkter.",
      stale: "Dagsordenen er blevet ændret, siden du åbnede kortet. Her er den nyeste udgave.",
      changedMeanwhile: "En anden har rettet indstillingen, siden du åbnede kortet. Din tekst står stadig i feltet; se den gemte herunder, og gem igen.",
      changedMeanwhileField: "Rettet af en anden imens: din tekst er ikke gemt endnu.",
      stored: (text: string) => `Gemt: ${text}`,
    },
  },
  /** Intentionstrængsel (seed 004): said to the chief first, as help, never as surveillance. */
  congestion: {
    title: (unit: string) => `${unit}: mange indsatser på én gang`,
    /** The sentence the issue asks for, then what the count is made of. */
    headline: (n: number) => `Enheden har nu ${count(n, "igangværende indsats", "igangværende indsatser")} — overvej, hvad der kan afsluttes.`,
    parts: (load: { focusAreas: number; initiatives: number; agreements: number; ceiling: number }) =>
      `Det er ${count(load.focusAreas, "lokalt fokusområde", "lokale fokusområder")}, ${count(load.initiatives, "indsats", "indsatser")} fra forvaltningen og ${count(load.agreements, "åben aftale", "åbne aftaler")} fra læringssamtalerne (loftet er ${load.ceiling}).`,
    body: (load: { count: number; focusAreas: number; initiatives: number; agreements: number; ceiling: number }) =>
      `${da.congestion.headline(load.count)}\n\n${da.congestion.parts(load)}\n\nFor mange krav på én gang kan tage lysten fra ledere og medarbejdere. Tag det gerne op med lederen: hvad kan afsluttes, vente eller lægges sammen? Forvaltningens egne indsatser ser du med kommandoen «indsatser».`,
    openInitiatives: "Se indsatserne",
    cardNotice: (load: { count: number; focusAreas: number; initiatives: number; agreements: number; ceiling: number }) => `${da.congestion.headline(load.count)} ${da.congestion.parts(load)}`,
  },
  /** When a loop begins and the link to its data (decision 0021). */
  timing: {
    /** The button to the unit's datapakke (input A), on the dagsorden and beside the guide's question about data. */
    datapakkeButton: "Åbn datapakken",
  },
  /** The board in a later læringssamtale (udtalelse or deltagelse) and a selvejende dagtilbud's afrapportering (docs/decisions/0023). */
  theBoard: {
    heading: "Bestyrelsens perspektiv",
    modeStatement: (days: number) => `Bestyrelsen giver en skriftlig udtalelse. Bestyrelsens repræsentant bliver bedt om den ${days} dage før mødet og mindet om den en uge før, hvis den ikke er sendt.`,
    modeParticipation: "Bestyrelsen deltager i mødet. Bestyrelsens repræsentanter får dagsorden og refleksionsguide som de andre deltagere.",
    chooseIntro: "Vælg, hvordan bestyrelsen indgår (rammen: «enten i form af en udtalelse eller ved deltagelse»). Du kan ændre det, indtil anmodningen er sendt.",
    chooseStatement: "Udtalelse",
    chooseParticipation: "Deltagelse",
    chosenStatement: "Bestyrelsen giver en skriftlig udtalelse til læringssamtalen.",
    chosenParticipation: "Bestyrelsen deltager i læringssamtalen.",
    chairOnly: "Kun mødelederen kan vælge, hvordan bestyrelsen indgår.",
    noChoice: "Her er der ikke noget at vælge: bestyrelsen deltager i loopets første læringssamtale, og i et selvejende dagtilbud holder bestyrelsen selv læringssamtalerne.",
    choiceLocked: "Bestyrelsen har allerede fået anmodningen, så valget kan ikke længere ændres.",
    reminderHeading: (when: string) => `Påmindelse: bestyrelsens udtalelse til læringssamtalen ${when} er ikke sendt endnu.`,
    reportTitle: (year: number) => `Bestyrelsens afrapportering ${year}`,
    reportIntro: (unit: string) =>
      `Årets læringssamtaler i ${unit} er holdt. Børn og Unge-chefen følger op på bestyrelsens tilsyn gennem bestyrelsens skriftlige afrapportering: skriv kort, hvad bestyrelsen har fulgt op på i år. Aftaler I noget, får hver opgave én ansvarlig og en frist.`,
    reportLabel: "Hvad har bestyrelsen fulgt op på?",
    reportPlaceholder: "Fx fokusområderne, basistilsynet, de kommunale retningslinjer og det pædagogiske tilsyn.",
    reportFollowUpsHeading: "Opfølgning (valgfri)",
    reportFollowUpLabel: (n: number) => `Opgave ${n}`,
    reportOwnerLabel: "Ansvarlig",
    reportOwnerPlaceholder: "Vælg ansvarlig",
    reportDueLabel: "Frist",
    reportSend: "Send afrapporteringen",
    reportSentNotice: "Afrapporteringen er sendt til Børn og Unge-chefen.",
    reportSent: (when: string, by: string) => `Sendt ${when} af ${by}.`,
    reportFollowUp: (text: string, owner: string, due: string) => `${text} (${owner}, frist ${due})`,
    reportReceivedIntro: (unit: string) => `Bestyrelsen i ${unit} har sendt sin skriftlige afrapportering. Giver den anledning til yderligere opfølgning, kan du holde møde med bestyrelsen.`,
    reportRequired: "Skriv, hvad bestyrelsen har fulgt op på, før du sender.",
    reportFollowUpRequired: "Skriv opgaven, eller tøm rækken.",
    reportAlreadySent: "Afrapporteringen for året er allerede sendt.",
    reportChairOnly: "Kun bestyrelsens formand (mødelederen) kan sende afrapporteringen.",
    reportNotYours: "Kun bestyrelsen, læringssamtalens deltagere og Børn og Unge-chefen kan se bestyrelsens afrapportering.",
    /** The decision its follow-ups hang under in the opfølgningsskema. */
    reportDecision: (year: number) => `Bestyrelsens afrapportering ${year}: opfølgning`,
  },
  /** The chair's own card «Tilføj deltager» (decision 0022). */
  adHocCard: {
    placeholderCut: (listed: number, total: number) => `Vælg en person (kortet viser de første ${listed} af ${total})`,
    removedTitle: "Ikke længere med",
    removedNotice: (when: string, chair: string) => `Du er ikke længere med i læringssamtalen ${when}: ${chair} har taget dig af deltagerlisten. Dagsordenen og refleksionsguiden, du fik, gælder ikke længere for dig.`,
    notOffered: "Kun personer fra læringssamtalens område kan tilføjes (ikke andre enheders bestyrelses- og ungerepræsentanter). Vælg en fra listen.",
  },
  /** «Ad hoc deltagere» (seed 002): the chair adds a person or a guest to one læringssamtale (decision 0022). */
  people: {
    heading: "Ad hoc deltagere",
    intro: "Inviter en ekstra deltager til netop denne læringssamtale, alt efter jeres lokale fokusområde: en person fra organisationen, eller en gæst uden Teams.",
    personLabel: "Person fra organisationen",
    personPlaceholder: "Vælg en person",
    guestNameLabel: "Eller en gæst: navn",
    guestNamePlaceholder: "Fx Anne Holm, talehørekonsulent",
    guestEmailLabel: "Gæstens e-mail (valgfri)",
    guestPhoneLabel: "Gæstens telefon (valgfri)",
    addButton: "Tilføj deltager",
    removeButton: "Fjern",
    /** A guest on the participant list: «Anne Holm (gæst)». */
    guestName: (name: string) => `${name} (gæst)`,
    adHocLine: (name: string) => `${name} (ad hoc-deltager)`,
    added: (name: string) => `${name} er tilføjet som ad hoc-deltager og får dagsordenen og refleksionsguiden.`,
    guestAdded: (name: string) => `${name} er tilføjet som gæst og står på deltagerlisten. Gæster uden Teams får ikke kort fra botten; giv dem dagsordenen selv.`,
    removed: (name: string) => `${name} er ikke længere med i læringssamtalen.`,
    chooseOne: "Vælg en person, eller skriv gæstens navn.",
    notBoth: "Vælg enten en person eller en gæst, ikke begge.",
    unknownPerson: "Personen findes ikke (længere) i organisationen. Vælg en anden.",
    alreadyParticipant: (name: string) => `${name} deltager allerede i læringssamtalen.`,
    guestAlready: (name: string) => `Der står allerede en gæst ved navn ${name} (eller med den e-mail) på deltagerlisten.`,
    invalidEmail: "Skriv en gyldig e-mailadresse (fx anne.holm@eksempel.dk), eller lad feltet stå tomt.",
    invalidPhone: "Skriv et telefonnummer med 8 til 15 cifre (fx +45 12 34 56 78), eller lad feltet stå tomt.",
    onlyLaeringssamtale: "Ad hoc deltagere kan kun tilføjes til en læringssamtale.",
    started: "Læringssamtalen er begyndt: deltagerlisten kan ikke længere ændres her.",
    notAdHoc: "Kun ad hoc deltagere og gæster kan fjernes her; de øvrige deltagere følger organisationsfilen.",
    gone: "Deltageren er allerede fjernet.",
  },
  /** Corrections to what weighs on a unit and the loop's summary (decision 0020). */
  weightFixes: {
    /** A focus area a stored decision names, ended since: still shown and selected in the opfølgningsskema. */
    endedFocusArea: (title: string) => `${title} (afsluttet)`,
    /** «Afslut» on the initiatives card asks first, as closing a meeting does. */
    endInitiativeQuestion: (title: string) =>
      `Afslut indsatsen «${title}»? Den vejer så ikke længere på enhederne, og dens evaluering aflyses. Det kan ikke fortrydes.`,
    endInitiativeConfirm: "Ja, afslut indsatsen",
    initiativeEnded: (title: string) => `Indsatsen «${title}» er afsluttet.`,
    endedMark: "afsluttet",
  },
  /** Loops gone from the organisation file at an import (decision 0021): what npm run org:import prints. */
  loopsGone: {
    removed: (loops: string) => `${loops} findes ikke længere i filen og er slettet (intet pegede på dem).`,
    kept: "Disse læringsloops findes ikke længere i filen, men er beholdt, fordi noget peger på dem. Enhederne bruger nu filens læringsloops; et beholdt loop bruges kun, hvor filen ikke har et for enhedstypen:",
    keptLoop: (id: string, name: string, what: string) => `  - ${id} (${name}): ${what}`,
    meetings: (n: number) => `${n} ${n === 1 ? "møde" : "møder"}`,
    yearWheels: (n: number) => `${n} årshjul`,
    focusAreas: (n: number) => `${n} ${n === 1 ? "fokusområde eller forslag" : "fokusområder eller forslag"}`,
    calendarLinks: (n: number) => `${n} ${n === 1 ? "kalenderlink" : "kalenderlinks"}`,
  },
  /** The review of the proposals and the drafted indstilling (issue 21, points 9–10). */
  proposalFixes: {
    heldOnce: "Mødet har været afsluttet én gang, så indstillingerne rettes nu i opfølgningsskemaet.",
    awaitingApproval: "Lederens forslag til fokusområder venter på din godkendelse. Åbn «Fokusområder» herunder.",
    proposeHint: "Foreslå fokusområder: som enhedens leder foreslår du de lokale fokusområder før loopets første læringssamtale. Åbn «Fokusområder» herunder.",
    approvedMeanwhile: "Forslaget er allerede godkendt, siden du åbnede kortet. Her er fokusområderne, som de er nu; ret dem her, hvis noget skal ændres.",
  },
  /** The referat as a PDF for the case system (ESDH), its download link and `npm run referat` (issue 22, points 7–8). */
  referatPdf: {
    /** «Referat: Læringssamtale, Solsikken». */
    title: (kind: string, unit: string) => `Referat: ${kind}, ${unit}`,
    /** The meeting kind in the file name (no «:», which Windows refuses in a name). */
    fileKinds: { one_on_one: "1-1 ledelsesopfølgning", laeringssamtale: "Læringssamtale", leader_pl: "1-1 med pædagogisk leder" },
    author: "Læringsloop",
    subject: (kind: string, unit: string, date: string) => `Referat af ${kind.toLocaleLowerCase("da-DK")} i ${unit} ${date}`,
    time: "Tid",
    place: "Sted",
    unit: "Enhed",
    participants: "Deltagere",
    participant: (name: string, role: string) => `${name} (${role})`,
    guest: (name: string) => `${name} (gæst)`,
    /** «Tid: tirsdag den 12. oktober 2027 kl. 09.00–11.00». */
    when: (dateTime: string, end: string) => `${dateTime}–${end}`,
    corrected: (n: number, when: string, by: string) => `Rettet udgave ${n}, ${when} af ${by}.`,
    item: (n: number, title: string, initials: string) => (initials ? `Punkt ${n}: ${title} (${initials})` : `Punkt ${n}: ${title}`),
    recommends: "Det indstilles, at:",
    decision: "Beslutning:",
    /** «Plan for overgange, senest 17.03.2027 (AW følger op)», as in the municipality's minutes. */
    followsUp: (text: string, due: string, initials: string) => `${text}, senest ${due} (${initials} følger op)`,
    other: "Øvrige beslutninger",
    withoutDecisions: (items: string) => `Uden beslutninger: ${items}.`,
    carriedHeading: "Opfølgning på tidligere aftaler",
    approved: (who: string) => `Referatet er godkendt af ${who}.`,
    approvedBy: (name: string, date: string) => `${name} den ${date}`,
    pending: (who: string) => `Afventer godkendelse fra ${who}.`,
    notRequired: "Godkendelse ikke påkrævet.",
    and: " og ",
    page: (n: number, total: number) => `Side ${n} af ${total}`,
    footer: (unit: string, date: string) => `Referat, ${unit}, ${date}`,
    /** The button on the referat card, and what the chat says. */
    button: "Hent referat som PDF",
    linkTitle: "Referat som PDF",
    linkText: (kind: string, unit: string, date: string) => `Referatet af ${kind.toLocaleLowerCase("da-DK")} i ${unit} ${date}, klar til journalisering (ESDH).`,
    download: "Hent referatet (PDF)",
    expires: "Linket virker kun for dig, én gang, og udløber om 15 minutter.",
    sent: "Linket til referatet som PDF er sendt til dig i chatten. Det virker én gang og i 15 minutter.",
    gone: "Linket er udløbet eller allerede brugt. Tryk «Hent referat som PDF» på referatet igen for at få et nyt.",
    notClosed: "Mødet er ikke afsluttet endnu, så der er intet referat at hente.",
    /** `npm run referat`. */
    usage: "Brug: npm run referat -- --meeting <møde-id> [--out <mappe>]",
    unknownMeeting: (id: string) => `Mødet «${id}» findes ikke.`,
    cliNotClosed: (id: string) => `Mødet «${id}» er ikke afsluttet, så det har intet referat endnu.`,
    written: (path: string) => `Referatet er skrevet til ${path}`,
    /** `npm run referat:picture` (the README's picture of page 1). */
    pictureWritten: (path: string) => `Skrevet: ${path}`,
    pictureFailed: (why: string) => `pdftoppm fejlede (er poppler-utils installeret? apt-get install poppler-utils): ${why}`,
  },
  /** The web page a participant without Teams opens through their personal link (/m/<token>). */
  guestPage: {
    skipLink: "Gå til indholdet",
    siteName: "Læringsloop",
    /** «Læringssamtale · Solsikken». */
    title: (kind: string, unit: string) => `${kind} · ${unit}`,
    forPerson: (name: string) => `Til ${name}`,
    sectionsLabel: "Mødets sider",
    sections: {
      dagsorden: "Dagsorden",
      refleksion: "Din refleksionsguide",
      udtalelse: "Bestyrelsens udtalelse",
      referat: "Referat",
    },
    saved: "Tak, det er gemt.",
    alreadySaved: "Tak, det var allerede gemt. Der er ikke ændret noget.",
    errorSummary: "Der er noget, der skal rettes",
    /** Before the page's title when something must be corrected. */
    errorTitle: "Fejl:",
    notAnswered: "Ikke besvaret.",
    noSections: "Der er ikke noget at vise til dig om dette møde lige nu.",
    privateLink: "Linket er personligt. Del det ikke med andre: alle, der har det, kan se og udfylde det, du kan.",
    linkValidUntil: (when: string) => `Linket virker til ${when}.`,
    goneTitle: "Linket virker ikke",
    gone: "Linket er ikke gyldigt. Det kan være udløbet eller trukket tilbage, eller adressen er ikke skrevet helt rigtigt.",
    goneAdvice: "Har du brug for et nyt link, så kontakt den, der holder mødet.",
    tooLarge: "Det, du sendte, fylder for meget. Gør teksten kortere, og prøv igen.",
    unexpected: "Noget gik galt hos Læringsloop. Prøv igen om lidt; det, du allerede har gemt, er ikke gået tabt.",
    invalidForm: "Formularen kunne ikke læses. Åbn siden igen fra dit link, og prøv igen.",
    methodNotAllowed: "Siden kan kun vises eller udfyldes.",
    approvalHeading: "Godkendelse af referatet",
    stale: "Siden var ikke længere aktuel: der er gemt en anden udgave, siden du åbnede den. Se den nyeste udgave herunder; det, du skrev, står stadig i feltet.",
    staleNothingTyped: "Siden var ikke længere aktuel: der er gemt en anden udgave, siden du åbnede den. Se den nyeste udgave herunder.",
    back: "Tilbage til siden",
    notForm: "Det sendte var ikke en udfyldt formular. Åbn siden igen fra dit link, og prøv igen.",
    /** The guide's field for the question (its label is the question). */
    questionField: (n: number) => `Spørgsmål ${n}`,
  },
  /** Approving the referat, and remarks to it (issue 22 point 6; docs/decisions/0027-referat-approval.md). */
  referatApproval: {
    approveButton: "Godkend referat",
    remarkButton: "Bemærkning til referatet",
    remarkLabel: "Din bemærkning til referatet",
    remarkPlaceholder: "Hvad skal rettes eller tilføjes?",
    remarkSubmit: "Send bemærkningen",
    approvedBy: (names: string) => `Godkendt af ${names}`,
    approvedByOne: (name: string, date: string) => `${name} ${date}`,
    pending: (names: string) => `mangler: ${names}`,
    /** Between the names in the approval line. */
    nameSeparator: ", ",
    /** Between «Godkendt af …» and «mangler: …». */
    partSeparator: " · ",
    nobodyYet: (names: string) => `Ingen har godkendt referatet endnu · mangler: ${names}`,
    /** Unused in Teams: the guest page (src/web/guest-page-view.ts) shows it. */
    allApproved: "alle har godkendt",
    youApproved: (date: string, time: string) => `Du godkendte referatet ${date} kl. ${time}.`,
    approvedNow: "Tak. Du har godkendt referatet.",
    alreadyApproved: "Du havde allerede godkendt referatet.",
    remarkSent: "Tak. Din bemærkning er sendt til mødelederen, som kan rette referatet.",
    remarkSentAgain: "Bemærkningen var allerede sendt til mødelederen.",
    /** Unused in Teams: the guest page (src/web/guest-page-view.ts) shows it. */
    yourRemarks: (n: number) => (n === 1 ? "Du har sendt 1 bemærkning til denne udgave." : `Du har sendt ${n} bemærkninger til denne udgave.`),
    remarkRequired: "Skriv din bemærkning, før du sender den.",
    superseded: "Referatet er rettet siden: se den nye udgave.",
    notClosed: "Mødet er ikke afsluttet endnu, så der er intet referat at godkende.",
    chairWrote: "Du er mødeleder og har skrevet referatet, så det skal ikke godkendes af dig.",
    notAsked: "Referatet fra dette møde skal ikke godkendes.",
    /** The card the chair gets through the outbox. */
    remarkTitle: "Bemærkning til referatet",
    remarkIntro: (name: string, kind: string, when: string, version: number) => `${name} har en bemærkning til referatet af ${kind} ${when} (udgave ${version}):`,
    remarkOld: (version: number) => `Referatet er rettet siden (nu udgave ${version}).`,
    remarkHint: "Skal referatet rettes, så genåbn mødet, ret opfølgningsskemaet, og afslut det igen. Deltagerne får det rettede referat og bliver bedt om at godkende det igen.",
    remarkReopened: "Mødet er genåbnet. Ret opfølgningsskemaet, og afslut mødet igen.",
    openReferat: "Se referatet",
  },
  /** People outside Teams and their links to the meeting's page (issue 22, points 1–3; decision 0025). */
  /** The guest link e-mailed from the chair's mailbox (GUEST_LINK_MAIL=graph; decision 0025). */
  guestLinkMail: {
    heading: "Link på e-mail til deltagere uden Teams",
    intro: "Linket sendes fra din egen postkasse, så du har mailen i Sendt post. Hver deltager får sit eget link: det er personligt og virker, til det udløber, eller du tilbagekalder det.",
    button: "Send link på e-mail",
    again: "Send igen",
    noAddress: "Ingen e-mailadresse: kopiér linket og giv det videre selv.",
    queued: (address: string) => `E-mailen til ${address} er på vej fra din postkasse.`,
    sent: (address: string, when: string) => `Sendt på e-mail til ${address} ${when}. Du har mailen i Sendt post.`,
    unconfirmed: (address: string, when: string) =>
      `Sendingen til ${address} blev afbrudt ${when}, så den er ikke sikker: se efter i din Sendt post. Er mailen ikke der, så kopiér linket og send det selv. Botten sender den ikke igen af sig selv, så ingen får den to gange.`,
    failed: (address: string) => `E-mailen til ${address} kunne ikke sendes. Kopiér linket og send det selv, eller prøv igen. Bliver det ved, så spørg IT om botten må sende mail fra din postkasse.`,
    answerQueued: (name: string) => `Linket sendes til ${name} på e-mail fra din postkasse om et øjeblik.`,
    answerAlready: (name: string) => `Linket er allerede sendt til ${name} på e-mail (eller på vej): det sendes ikke to gange.`,
    off: "Botten sender ikke mail i denne installation: kopiér linket og giv det videre selv.",
    noEmail: "Deltageren har ingen e-mailadresse i Læringsloop.",
    revoked: "Linket er tilbagekaldt: lav et nyt, før det kan sendes.",
    /** The mail itself: plain text, from the chair's mailbox. */
    subject: (title: string, date: string) => `${title} ${date}: dit personlige link`,
    body: (p: { name: string; kindInText: string; unit: string; when: string; url: string; until: string; chair: string }) =>
      [
        `Kære ${p.name}`,
        "",
        `Du deltager i ${p.kindInText} i ${p.unit} ${p.when}.`,
        "",
        "På mødets side finder du dagsordenen og din refleksionsguide før mødet, og referatet bagefter. Du skal ikke logge ind: linket er din adgang.",
        "",
        p.url,
        "",
        `Linket virker til ${p.until}.`,
        "Linket er personligt: send det ikke videre. Alle, der har det, kan se mødets side og svare i dit navn. Har du fået det ved en fejl, så slet mailen og skriv til mig.",
        "",
        "Venlig hilsen",
        p.chair,
      ].join("\n"),
  },
  guestLinks: {
    notExternal: "Kun deltagere uden Teams får et link til mødets side.",
    notParticipant: "Personen deltager ikke i mødet.",
    meetingCancelled: "Mødet er aflyst, så der laves ikke noget link.",
    title: "Deltagere uden Teams",
    intro: (meeting: string, when: string) =>
      `Disse deltagere i ${meeting} ${when} har ikke Teams. Giv hver sit personlige link videre (fx på e-mail eller sms): på siden ser de dagsordenen, deres refleksionsguide og senere referatet. Linket er personligt; del det ikke med andre.`,
    none: "Ingen deltagere i mødet er uden Teams.",
    role: (role: string) => `Rolle: ${role}`,
    contact: (parts: string[]) => parts.join(" · "),
    expires: (date: string) => `Linket virker til ${date}`,
    revokedLine: "Linket er tilbagekaldt og virker ikke længere.",
    cancelledLine: "Mødet er aflyst: der er intet link.",
    copyButton: "Kopiér link",
    copyLabel: "Markér linket og kopiér det",
    revokeButton: "Tilbagekald link",
    revokeConfirm: (name: string) => `Tilbagekald ${genitive(name)} link? Det virker så ikke længere; du kan lave et nyt bagefter.`,
    revokeYes: "Ja, tilbagekald",
    newButton: "Nyt link",
    revoked: (name: string) => `${genitive(name)} link er tilbagekaldt.`,
    alreadyRevoked: (name: string) => `${genitive(name)} link var allerede tilbagekaldt.`,
    renewed: (name: string) => `${name} har fået et nyt link. Giv det videre; det gamle virker ikke.`,
    openButton: "Deltagere uden Teams",
  },
  /** A click refused because the bot has too much to do right now (docs/decisions/0032-overload.md). */
  overload: {
    busy: "Der er travlt lige nu — prøv igen om lidt.",
    notSaved: "Det, du bad om, er ikke gjort endnu, men intet er gået tabt: tryk på «Prøv igen», så sendes det igen, som du udfyldte det.",
    notSavedNoRetry: "Det, du bad om, er ikke gjort endnu. Skriv «mine møder» eller «mine opgaver» om lidt, og åbn kortet igen derfra.",
    retry: "Prøv igen",
  },
};

export type Strings = typeof da;

/** The locale in use. An English locale would be `strings.en.ts` exporting a `Strings`. */
export const strings: Strings = da;
