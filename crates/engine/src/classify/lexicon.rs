//! The words Vigie understands in a description, as data a person can read and extend.
//!
//! Each entry is a folded form (lower case, no accents, words separated by one space, as
//! [`super::reading::fold`] writes them) and what it means. A word of an entry also matches
//! its plural and feminine forms (`s`, `x`, `e`, `es` added), so `"camera"` matches
//! "caméras" and `"bloque"` matches "bloquées". A form ending in `*` is a stem: it matches
//! every word that starts with it (`"fonctionn*"`: fonctionne, fonctionnent, fonctionnait),
//! for the verbs whose forms are too many to list. An exact form wins over a stem, and the
//! longest entry wins over a shorter one, so "détection d'intrusion" (a system) is not read
//! as "intrusion" (an event).
//!
//! Misspellings a single keystroke away from a word of six letters or more are read as that
//! word ("camrea", "enregistrment"); shorter misspellings and SMS abbreviations are listed
//! in [`SPELLINGS`].

use super::{Symptom, System};

/// What a word or phrase means for the incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// One device of a security system: a camera, a badge reader, a detector.
    Device(System),
    /// A security system as a whole: "vidéosurveillance", "contrôle d'accès", the VMS.
    /// Said to be broken, the whole system is meant.
    SystemName(System),
    /// Recordings, archives, footage.
    Recording,
    /// Images and live views: a camera's picture, a screen of the video wall.
    Image,
    /// Alarm messages and their delivery to the operators.
    Alarm,
    /// A credential: a badge, a card, a code.
    Credential,
    /// A door, a gate, a turnstile: a place where access control lets people through.
    Door,
    /// The main door or entrance: a door, and an important one.
    MainDoor,
    /// How many of the devices.
    Quantity(Quantity),
    /// A word that says the thing does not work ("HS", "en panne", "noir", "figé").
    Problem(Symptom),
    /// Lost, missing, gone ("manquants", "perdu", "missing").
    Missing,
    /// A verb of normal working; negated, it says the thing does not work.
    Works(Function),
    /// Normally, fine, correctly: with a working verb, says the thing works.
    Fine,
    /// Still, again: a revoked badge that "still" opens.
    Still,
    /// A negation.
    Negation(Negation),
    /// Lets in, accepts, grants: what a door or a reader does. Negated, the door keeps
    /// people out ("le tourniquet ne laisse plus passer").
    Admits,
    /// Comes in, walks in: what a person does. Negated, nothing happened ("personne n'est
    /// entré").
    Enters,
    /// Nothing at all, no more anything: "plus rien", "there's nothing". A failure that is
    /// itself a negation, so no "ne" before it undoes it.
    Nothing,
    /// The rest works: "pour le reste ça fonctionne", "rest of the site is normal". What is
    /// wrong is only part of the site.
    Partial,
    /// Words that change nothing: "a l'air", "seems to", "apparemment".
    Filler,
    /// Over or past: "l'an dernier", "after the drill", "remarche", "fixed". A failure said
    /// in the same clause is not a failure now.
    Past,
    /// Somewhere else: "dont parlent les journaux", "mentioned in your newsletter", "ne
    /// concerne pas notre système". An intrusion said in the same clause happened elsewhere.
    Elsewhere,
    /// Powers or supplies other devices: "c'est lui qui *alimente* toutes nos caméras". When
    /// it fails, the devices it powers fail with it.
    Powers,
    /// A wish: "on voudrait", "we want", "so that". What follows is not a fact.
    Wish,
    /// By hand: "à la main", "manually". Someone who opens a door by hand is the workaround
    /// for a door that does not open, not a stranger let in.
    ByHand,
    /// A case supposed in a request: "si une caméra tombe en panne, comment faire ?",
    /// "question : quand une alarme intrusion se déclenche, est-ce que…". In a request, what
    /// follows in its clause is not a fact; in a report or a mere question it is ("when a
    /// revoked badge is shown the door opens", "pourquoi quand un intérimaire parti badge,
    /// la porte s'ouvre-t-elle ?").
    Hypothesis,
    /// An account or a login on a system.
    Account,
    /// Unknown, suspicious: an unknown account is an intrusion.
    Suspicious,
    /// On and off: "par intermittence", "several times a day". A failure that comes and
    /// goes is a degraded device, not one out of service.
    Intermittent,
    /// Again and again: "every hour", "puis revient". Alone it says nothing; with a failure
    /// it makes it a degraded device, not one out of service.
    Recurrent,
    /// A password or credentials: changed behind the site's back, an intrusion.
    Secret,
    /// A place or a right reserved to a few: "réservée", "restricted", "y compris".
    Restricted,
    /// A comparison: "en rouge *comme* les intrusions" speaks of no intrusion.
    Comparison,
    /// Seen: "a été vu", "was spotted". With someone unknown, an intruder.
    Seen,
    /// "Nobody here did it": an action on the systems that no one on the site owns.
    Disowned,
    /// Was changed, altered, deleted: with a password, a credential or an unknown person,
    /// an intrusion on the systems.
    Changed,
    /// Someone who should not get in: anyone, everybody, strangers.
    Anyone,
    /// A credential that should no longer work: revoked, deactivated, expired.
    Revoked,
    /// Open, unlocked: the state of a door that should be shut.
    Unlocked,
    /// Forced open, broken into.
    Forced,
    /// An intrusion, physical or on the systems.
    Intrusion,
    /// Unauthorised, without permission.
    Unauthorized,
    /// A sensitive zone or an important door.
    Sensitive,
    /// The whole site, everywhere.
    WholeSite,
    /// The site is itself one part of a building: "notre agence n'occupe que le
    /// rez-de-chaussée", "the site is a single building". A floor or a building taken whole
    /// is then the whole site.
    SiteIsPart,
    /// The site has one device of a kind: "on a une seule caméra, celle de l'entrée", "we
    /// only have the one camera". That device down is the whole system down.
    OnlyDevice,
    /// A place that restricts "the cameras" to part of the site ("du parking").
    Place,
    /// A nuisance with no security impact: display, slowness, settings.
    Nuisance(Symptom),
    /// The user interface (client software, a workstation), not the devices.
    Interface,
    /// A request or a question rather than a failure (training, a new user, how to).
    Request,
}

/// How many devices a word speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// All of them: "toutes", "all", "every", "l'ensemble des".
    All,
    /// None of them: "aucune", "no", "none of"; with a working verb, all are down.
    NoneOf,
    /// Several: "plusieurs", "quelques", "some", a number from two up.
    Several,
    /// One: "une seule", "single", the number one.
    One,
}

/// What a working verb is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// Works, responds, lights up: the device as a whole.
    Any,
    /// Records.
    Record,
    /// Reports alarms to the operators (hypervisor, alarm panel).
    Report,
    /// Locks, closes: a door that no longer locks lets people in.
    Lock,
    /// Opens: a door that no longer opens keeps people out.
    Open,
    /// Reads a badge.
    Read,
    /// Shows an image; we see.
    Show,
    /// Detects.
    Detect,
}

/// The kinds of negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Negation {
    /// French "ne"/"n'" before a verb.
    Ne,
    /// "pas", "plus", "jamais", "rien" after a French verb; "no", "not" before a noun or verb.
    Not,
    /// "plus" alone: "no more" before a noun ("plus d'image"), "no longer" after a verb;
    /// "more than" before a number.
    Plus,
    /// "no longer", "anymore", "stopped", "failed to": the thing worked and stopped.
    NoLonger,
    /// "sans", "without", "zéro".
    Without,
}

impl Meaning {
    /// A meaning as the lexicon names it: `device video`, `works record`, `quantity all`.
    pub fn parse(name: &str) -> Option<Meaning> {
        let (kind, arg) = name.split_once(' ').unwrap_or((name, ""));
        let system = || match arg {
            "video" => Some(System::Video),
            "access-control" => Some(System::AccessControl),
            "hypervisor" => Some(System::Hypervisor),
            "intrusion-detection" => Some(System::IntrusionDetection),
            _ => None,
        };
        Some(match (kind, arg) {
            ("device", _) => Meaning::Device(system()?),
            ("system", _) => Meaning::SystemName(system()?),
            ("quantity", "all") => Meaning::Quantity(Quantity::All),
            ("quantity", "none") => Meaning::Quantity(Quantity::NoneOf),
            ("quantity", "several") => Meaning::Quantity(Quantity::Several),
            ("quantity", "one") => Meaning::Quantity(Quantity::One),
            ("problem", "down") => Meaning::Problem(Symptom::Down),
            ("problem", "degraded") => Meaning::Problem(Symptom::Degraded),
            ("nuisance", "display") => Meaning::Nuisance(Symptom::Display),
            ("nuisance", "slow") => Meaning::Nuisance(Symptom::Slow),
            ("nuisance", "configuration") => Meaning::Nuisance(Symptom::Configuration),
            ("works", "any") => Meaning::Works(Function::Any),
            ("works", "record") => Meaning::Works(Function::Record),
            ("works", "report") => Meaning::Works(Function::Report),
            ("works", "lock") => Meaning::Works(Function::Lock),
            ("works", "open") => Meaning::Works(Function::Open),
            ("works", "read") => Meaning::Works(Function::Read),
            ("works", "show") => Meaning::Works(Function::Show),
            ("works", "detect") => Meaning::Works(Function::Detect),
            ("negation", "ne") => Meaning::Negation(Negation::Ne),
            ("negation", "not") => Meaning::Negation(Negation::Not),
            ("negation", "plus") => Meaning::Negation(Negation::Plus),
            ("negation", "no-longer") => Meaning::Negation(Negation::NoLonger),
            ("negation", "without") => Meaning::Negation(Negation::Without),
            ("recording", "") => Meaning::Recording,
            ("image", "") => Meaning::Image,
            ("alarm", "") => Meaning::Alarm,
            ("credential", "") => Meaning::Credential,
            ("door", "") => Meaning::Door,
            ("main-door", "") => Meaning::MainDoor,
            ("missing", "") => Meaning::Missing,
            ("nothing", "") => Meaning::Nothing,
            ("fine", "") => Meaning::Fine,
            ("still", "") => Meaning::Still,
            ("partial", "") => Meaning::Partial,
            ("filler", "") => Meaning::Filler,
            ("admits", "") => Meaning::Admits,
            ("enters", "") => Meaning::Enters,
            ("anyone", "") => Meaning::Anyone,
            ("suspicious", "") => Meaning::Suspicious,
            ("disowned", "") => Meaning::Disowned,
            ("seen", "") => Meaning::Seen,
            ("restricted", "") => Meaning::Restricted,
            ("comparison", "") => Meaning::Comparison,
            ("intermittent", "") => Meaning::Intermittent,
            ("recurrent", "") => Meaning::Recurrent,
            ("secret", "") => Meaning::Secret,
            ("changed", "") => Meaning::Changed,
            ("account", "") => Meaning::Account,
            ("unauthorized", "") => Meaning::Unauthorized,
            ("revoked", "") => Meaning::Revoked,
            ("unlocked", "") => Meaning::Unlocked,
            ("forced", "") => Meaning::Forced,
            ("intrusion", "") => Meaning::Intrusion,
            ("sensitive", "") => Meaning::Sensitive,
            ("whole-site", "") => Meaning::WholeSite,
            ("site-is-part", "") => Meaning::SiteIsPart,
            ("only-device", "") => Meaning::OnlyDevice,
            ("place", "") => Meaning::Place,
            ("interface", "") => Meaning::Interface,
            ("request", "") => Meaning::Request,
            ("wish", "") => Meaning::Wish,
            ("by-hand", "") => Meaning::ByHand,
            ("hypothesis", "") => Meaning::Hypothesis,
            ("past", "") => Meaning::Past,
            ("elsewhere", "") => Meaning::Elsewhere,
            ("powers", "") => Meaning::Powers,
            _ => return None,
        })
    }
}

/// Every entry of [`LEXICON`]: each form with its meaning, in the order written (`None`
/// for a line whose meaning [`Meaning::parse`] does not know; a test checks there is none).
pub fn entries() -> Vec<(String, Option<Meaning>)> {
    let mut lines: Vec<String> = Vec::new();
    for line in LEXICON.lines().filter(|l| !l.trim().is_empty()) {
        match lines.last_mut() {
            Some(last) if line.starts_with(' ') => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => lines.push(line.to_string()),
        }
    }
    let mut out = Vec::new();
    for line in lines {
        let Some((name, forms)) = line.split_once(':') else { continue };
        let meaning = Meaning::parse(name.trim());
        out.extend(forms.split(',').map(str::trim).filter(|f| !f.is_empty()).map(|f| (f.to_string(), meaning)));
    }
    out
}

/// The lexicon: one line per meaning, `meaning: form, form, …`; a line that starts with
/// spaces goes on with the line above. The meanings are those of [`Meaning::parse`].
pub const LEXICON: &str = "
device video: camera, cam, camera de surveillance, camera de securite, security camera, surveillance camera,
    cctv camera, dome, ptz, objectif, bullet, webcam, voie, channel, canal, canaux, encodeur, encoder,
    analyse video, analytics, franchissement de ligne, line crossing, evenements d analyse, analytics events,
    infrarouge, ir, intrusion de zone
system video: videoprotection, videosurveillance, video surveillance, video protection, cctv, vms, systeme video,
    video system, nvr, dvr, enregistreur, recorder, serveur video, serveur d enregistrement, serveur vms,
    video server, recording server, vms server, baie d enregistrement, milestone, genetec, avigilon, hikvision,
    dahua, axis, bosch, hanwha, exacq, partie video, la partie video, serveur de gestion video, gestion video,
    video management server, systeme camera, camera system
image: image, picture, flux, flux video, video feed, feed, live, visu, visualisation, video, signal, ecran, screen,
    moniteur, monitor, mur d image, mur video, video wall, videowall, vignette, thumbnail, tuile, tile, mur d ecran
recording: footage, enregistrement, recording, recherche video, recherche d images, recherche d enregistrement,
    video search, footage search, archive, sequence, playback, relecture, historique video,
    video history, stockage, disque, disk, storage, stored video, days of footage, jours d enregistrement,
    jours plus anciens, older days, images plus anciennes, older footage, fichiers, files, clips, videos, segments,
    raid, disques, disks
device access-control: lecteur, lecteur de badge, reader, badge reader, card reader, badgeuse, digicode, keypad,
    clavier, interphone, visiophone, intercom, gache, ventouse, serrure, maglock, controleur, controller, uta,
    bouton de sortie, exit button, bouton poussoir, push button, bouton d ouverture, nedap, platine, vigik, tripode,
    pin pad, pinpad, clavier code, door entry panel, entry panel, portier, portier video, hatch intercom,
    mains libres, hands free, hands-free
system access-control: controle d acces, controle acces, access control, access control system, systeme de badge,
    badge system, gestion des acces, serveur de badge, partie controle d acces, logiciel de controle d acces,
    access control software, logiciel de badge, badge software
credential: badge, carte, card, code, code d acces, access code, credential, empreinte, fingerprint
door: porte, door, portail, gate, tourniquet, turnstile, portillon, barrier, sas, issue de secours, porte d entree,
    entry door, rideau, rideau metallique, grille, acces, entree, entrance, vitrine, issues de secours, mantrap,
    sas unipersonnel, entrees, roller shutter, shutter, fire exit, portique, portiques
device intrusion-detection: detecteur, detector, intrusion detector, detecteur d intrusion, detecteur intrusion, sensor, capteur, radar, barriere infrarouge, pir, siren,
    contact de porte, door contact, clavier d alarme, zone d alarme, alarm zone, detecteur bris de glace,
    glass break detector, glass-break detector, glass break sensor, intrusion zone, zone intrusion,
    detection perimetrique, perimeter detection, bouton d alarme, bouton panique, panic button, bouton d agression,
    bouton anti agression
system intrusion-detection: alarme, systeme d alarme, transmetteur, transmitter, transmetteur ip, ip transmitter,
    alarm transmitter, alarm system, centrale, centrale d alarme, centrale intrusion,
    alarm panel, intrusion panel, detection d intrusion, detection intrusion, intrusion detection, anti intrusion,
    systeme anti intrusion, intrusion system, toute la detection, detection perimetrique generale, intruder alarm
system hypervisor: hyperviseur, hypervision, hypervisor, psim, supervision, superviseur, hyperviseur de securite,
    superviseur de securite, plateforme de supervision, security hypervisor, poste de supervision,
    plateforme de securite, security platform, security management platform, plateforme de gestion de la securite
alarm: alarm, alert, alarm screen, ecran des alarmes, ecran d alarmes, walk test, evenement, event, remontee, remontee d alarme, remontees d alarme, notification,
    alarmes intrusion, alarme d intrusion, alarmes d intrusion, intrusion alarm, alarme technique,
    alarmes techniques, porte maintenue ouverte, door held open, alarme de porte forcee, door forced alarm,
    alarme incendie, fire alarm, defaut technique, defauts techniques, technical fault, test d intrusion,
    intrusion test, alarmes, alarms, essai d alarme, test d alarme, alarm test, vision des alarmes, single signal,
    a single signal, aucun signal de, un seul signal
quantity all: tout, tous, toutes les deux, tous les deux, both of them, all of them, whatever, quel que soit le, quelque soit le, peu importe le, any random, any old, tous les, toutes les, tt, ttes, l ensemble des, l ensemble de, la totalite des, chaque,
    all, all the, all of the, every, each, any, whole, entire, n importe quel, n importe quelle, la moindre,
    le moindre, any single, every single, each and every
quantity none: aucun, plus aucun, none of them, aucune d entre elles, aucun d entre eux, plus une seule, plus un seul, pas un seul non plus, not one single, none of the, none of our, not a single, pas une seule, pas un seul, no, zero,
    rien, nothing, nobody, no one, noone, personne ne, personne n, plus une, plus un, pas une, not one, no more,
    plus rien ne, plus rien n
quantity several: plusieurs, quelques, nine, eleven, fifteen, twenty, thirty, forty, fifty, hundred, certain, several, some, multiple, many, few, a few, la moitie, half,
    une partie, part, partie, beaucoup, bcp, lots, deux, trois, quatre, cinq, six, sept, huit, neuf, dix, douze,
    quinze, vingt, two, three, four, five, seven, eight, ten, twelve, une dizaine, une vingtaine, une quinzaine,
    a dozen, dozens, deux des, two of, uniquement, only, seulement, a third, un tiers, about a third,
    environ un tiers, celles, ceux, parties
quantity one: une seule, un seul, single, one, a single, only one, une, un, l une, l un, deuxieme, troisieme,
    quatrieme, second, third, premier, first, dernier, celle, celui
whole-site: tout le site, tout le batiment, tout le magasin, tout l immeuble, tout l entrepot, l ensemble du site,
    sur le site, du site, whole site, entire site, whole building, entire building, across the site, everywhere,
    partout, all over, on site, de tout le site, nul part
place: plateau, parking, car park, parking lot, couloir, corridor, hall, etage, floor, rdc, sous sol, basement, facade, cote,
    side, aile, wing, exterieur, outside, outdoor, interieur, cour, yard, jardin, toit, roof, escalier, stairs,
    stairwell, cantine, cafeteria, bureau, office, atelier, workshop, local, area, nord, sud, ouest, north, south,
    east, west, reception, accueil, vestiaire, ascenseur, lift, elevator, livraison, delivery, salle, room, niveau,
    level, perimetre exterieur, eu les portes ouvertes, lobby, journee portes ouvertes, open day, salle d archives,
    poste de securite, guard post, guard booth, booth, loge, gatehouse, secondaire, secondary, backup, de secours,
    open plan, open-plan, salle d exposition, salles d exposition, cuisine centrale, caisse centrale,
    allee centrale, salle centrale, unite centrale, galerie marchande, print room, salle d impression, meeting room,
    salle de reunion, break room, salle de pause
sensitive: zone sensible, zones sensibles, sensitive area, sensitive zone, salle des coffres, coffre fort, coffre,
    vault, strongroom, salle serveur, salle informatique, salle it, local technique, baie, server room, data center,
    datacenter, perimetre, perimeter, caisse, cash office, salle des caisses, pharmacie, pharmacy, armurerie,
    armoury, quai, quai de chargement, loading dock, loading bay, dock, point de passage important,
    passage important, important, critical area, laboratoire, labo, lab, stock de valeur, bijouterie, reserve,
    zone a risque, zone securisee, secure area, restricted area, zone restreinte, salle des serveurs, local serveur,
    it room, comms room, salle blanche, chambre forte, guichet, agence, till
problem down: hors service, hs, h s, ko, en panne, panne, pane, down, offline, off line, hors ligne, deconnecte,
    disconnected, injoignable, unreachable, inaccessible, indisponible, unavailable, inoperant, inutilisable,
    unusable, mort, dead, noir, black, blank, ecran noir, black screen, fige, frozen, freeze, froze, bloque, stuck, gele,
    plante, crash, crashed, tombe, tombe en panne, casse, broken, eteint, switched off, turned off, coupe, cut,
    cut off, out of order, out of service, failure, failed, failing, defaillance, defaillant, defectueux, faulty,
    defective, outage, total outage, perte d image, perte video, perte du signal, perte de signal, loss of image,
    image loss, loss of video, signal loss, perte de flux, no signal, sans signal, video loss, grise, grey, gray,
    arrache, ripped off, detruit, smashed, refuse, refused, refusent, rejette, rejected, denied, en defaut,
    in fault, s est arrete, s arrete, se sont arretes, has stopped, have stopped, a grille, grille pendant, burnt,
    burned out, fried, a plat, disparait, disparaissent, disappear, drops out, drop off, drops off, is out, are out,
    est out, is off, are off, off everywhere, general fault, defaut general, connection lost, lost connection,
    perte de connexion, connexion perdue, shows red, clignote rouge, clignotent rouge, reste rouge, stays red,
    voyant rouge, fait neige, image neigeuse, neige a l ecran, en noir, enregistrees en noir, recorded black,
    en rade, coupent, se coupent, cut out, cuts out, pas de signal, mire, mires, mires grises, croix rouges,
    red crosses, defaut systeme, system fault, reject*, service arrete, service stopped, green noise, bruit vert,
    noise, parasites, snapped
problem degraded: erreur, error, bug, beug, bugue, problem, issue, souci, pb, defaut, fault, anomalie,
    dysfonctionnement, dysfonctionne, malfunction, malfunctioning, partiel, partiellement, partial, partially,
    degrade, degraded, flou, blurry, blurred, trouble, pixelise, pixelated, skips, skipping, coupure, drops,
    dropping, drop out, deconne, deraille, hs par moment, instable, unstable, redemarre, reboot, rebooting,
    clignote, flickering, flicker, desaligne, deplace, masque, obstrue, obstructed, covered, tagged, vandalise,
    vandalised, vandalized, faux positif, false alarm, fausses alarmes, se declenche, saut, jumps, loses connection,
    loses the connection, perd la connexion, deconnexion, filme le mur, face the wall, faces the wall,
    facing the wall, pointe vers le mur, shows only the sky, only the sky, vers le ciel, ne filme plus, misaligned,
    out of alignment, mal orientee, ne garde plus que, ne garde que, n a que, only find, only have, on n a que,
    misread, knocked, got knocked, cognee, tamper, autoprotection, excluded, exclu, echoue, fails, failed to export,
    en alarme, in alarm, sabotage de la camera, losing the connection, keeps losing, perd regulierement,
    basse resolution, low resolution, tries, essais, attempts, every other card, une carte sur deux
missing: perte, loss, ne trouve rien, trouve rien, ne trouvons rien, finds nothing, find nothing,
    can t find any, cannot find any, manquant, manque, manquent, missing, perdu, lost, disparu, disappeared, gone, efface, erased,
    vide, empty, trou, gap, lacune, absent, introuvable, a perdu, avons perdu, ont perdu, have lost, has lost,
    holes, corrompu*, corrupted, filled up, plein, disk full, disque plein, perdent, se perdent, get lost,
    gets lost, are lost, incomplet, incomplete, incomplets, perd
nothing: qu un ecran gris, qu un ecran noir, que du noir, que du gris, only a grey screen, only a gray screen, only a black screen,
    rien ne se passe, nothing happens, plus rien, rien du tout, nothing at all, n y a rien, il n y a rien, there is nothing, there s nothing,
    theres nothing, we see nothing, on voit rien, plus rien du tout, ne sert plus a rien, sert plus a rien,
    ne sert a rien, n y avait rien, il n y avait rien, there was nothing
works any: fonctionn*, foncti*, light up, lights up, lit up, repart*, marche, marchent, marchait, marchaient, marcher, repond*, s allume, s allument,
    demarre, demarrent, work, working, worked, respond*, function, functioning, operational, operationnel, connect*,
    en ligne, online, up, accessible, disponible, available, communiqu*, communicat*, joignable, reachable, ping,
    boot, start, lance*, launch*, answer*, reach*, atteindre, joindre, reagi*, react*, voyant, pivot*, bouge,
    bougent, move, answering, moved, a bouge
works record: enregistre, enregistrent, enregistrait, enregistrer, record, recorded, stocke
works report: remont*, transmet*, sending, send, sends, receiving, recevons, recevez, recevoir, transmis, arrive, arrivent, recu, recoit, recoivent, report*, received, receive,
    coming through, come through, sent, envoi*, envoie, apparu, appeared, apparait, shows up, show up, sortent,
    sort de, ne sort
works show: giving image, giving any image, giving picture, giving a picture, giving pictures, gives image, give image
works detect: declench*, go off, goes off, went off, trigger*, detect*, armed, be armed, protege, protected, surveille, monitored, s arme, arme, arming, armer,
    s armer, set, armes, mise en service, mettre en service, remettre en service
works lock: ferme, ferment, come down, comes down, fermer, se ferme, se referme, referme, verrouill*, se verrouille, close, closing, shut,
    lock, locked, locking, latch*, reverrouill*, redescend*, descend*, relock*, tient, tiennent, hold, tenir
works open: s ouvre, s ouvrent, ouvrir, opens, opening, unlock, libere*, se libere
works read: lit, lisent, lire, read, reading, check, checks, checking, verifie, verifient, reconnai*, recogni*, badger, bipe, bipes
works show: s affiche, s affichent, be viewed, viewed, can view, could view, to view, visionner, affiche, afficher, voit, voir, vois, voyons, visualiser, see, show, showing,
    displays, displaying, remonte l image, visible, load, charge, chargent, to display, a afficher
fine: bien, normalement, correctement, normal, fine, ok, correctly, properly, normally, as usual, sans souci,
    sans probleme, without problem, no problem, okay, nothing to report, rien a signaler, ras, c est bon, sont bons,
    sont bonnes, est bon, est ok, sont ok, are ok, is ok, normaux, aucune anomalie, no anomaly, tout va bien,
    all good, nickel, impeccable, parfait, perfect, s est bien passe, s est passe, tout s est bien passe, went well,
    went fine, clignote en vert, clignote en bleu, blinks green, refuses the others, refuse les autres,
    refuses other badges
still: encore, toujours, still, quand meme, anyway
partial: le reste, pour le reste, the rest, rest of the site, reste du site, les autres cameras, other cameras,
    the other cameras, autres cameras, the others, les autres, other sites, les autres sites, autres sites,
    les autres oui, the others do, autres oui, les cinq autres, the other recorders, les autres enregistreurs,
    other floors, autres etages, les autres etages, les autres portes, toutes les autres, all the others,
    the other doors, autres portes
filler: need someone, need somebody, need a tech, need a technician, need help, besoin de quelqu un, besoin d un technicien,
    besoin d une intervention, par ailleurs, come out, come over, contract, contracts, contrat, contrats, a l air, avoir l air, seems to, seem to, apparemment, apparently, il semble que, on dirait que,
    salle de controle, control room, salle de supervision, pc secu, pc securite, poste de garde, par erreur,
    by mistake, supervision reseau, network monitoring, du tout, at all
negation ne: ne, n
negation not: pas, jamais, not, never, non, ni, nor, cannot, can t, cant, don t, doesn t, doesnt, isn t, isnt,
    aren t, arent, won t, wont, didn t, didnt, wasn t, weren t, haven t, hasn t, couldn t, ras cote,
    rien a signaler cote, nothing to report on
negation plus: plus
negation no-longer: a arrete, ont arrete, avons arrete, on a arrete, unable to, fails to, failed to, fail to, no longer, not anymore, anymore, any more, stopped,
    ceased, a arrete de, ont arrete de, arrete de, impossible de, impossible to, can no longer, refuse de,
    refuses to, arrive a, arrive pas a, n arrive pas a, n arrive plus a, arrive plus a, n arrivons pas a,
    can t manage to, stop, impossible d, unable
negation without: sans, without
admits: accept*, laisse passer, ouvrait, ouvraient, a ouvert, ont ouvert, opened the, laisse entrer, laissent passer, laissent entrer, laisse rentrer, let in, lets in,
    let through, lets through, let, allows, allowed, grant*, validated, has access, have access, a acces, ont acces,
    donne acces, gives access, give access, laisse, laissent, ouvre, ouvrent, debloque, unlocks, utilise, used,
    valide toutes, valide les, validate
enters: peut entrer, peuvent entrer, getting in, getting into, coming in, walking in, walking into, peut rentrer, peuvent rentrer, rentre, rentrent, entre, entrent, entrer, enter,
    entered, came in, come in, walk in, walks in, walked in, get in, gets in, got in, go through, goes through,
    walk through, pass through, circulent, passe, passent, rentrer, pu rentrer, pu entrer, got through, get through,
    walked into, got into, get into, gets into, came into
anyone: n importe qui, tout le monde, anyone, anybody, everyone, everybody, quiconque, des inconnus, stranger,
    unknown people, unknown person, public, personnes exterieures, every employee, all employees, tout le personnel,
    tous les salaries, a toute heure, at any hour, n importe quand, at all hours, en dehors des horaires, outside hours, hors horaires, un homme, une femme, a man, a woman
suspicious: inconnu, unknown, non identifie, non identifiee, unidentified, not staff, pas du personnel, suspect, suspicious, non reconnu, unrecognised, unrecognized, quelqu un, someone,
    somebody, un individu, des individus
account: compte, account, connexion, connexions, connection, connections, login, identifiant, administrateur, administrator, admin
unauthorized: non autorise, non habilite, unauthorized, unauthorised, not authorized, not authorised,
    sans autorisation, without authorisation, without authorization, sans droit, sans badge, without a badge,
    without badge, no badge, tailgating, talonnage, illegitimate, sans badger, sans controle, without control,
    without any check, without check, passent ensemble, pass together, passent a deux, en meme temps qu,
    deux personnes passent, two people pass, anti passback off, acces non autorise, unauthorized access,
    unauthorised access, entree non autorisee, unauthorized entry, drive straight in, straight in,
    rentrent directement, entrent librement, enter freely, drive in freely, tous acces, all access,
    sans demander de code, sans code, without code, without a code, sans demander de badge, tailgate, tailgated
revoked: desactive, deactivated, visitor pass, visitor passes, pass visiteur, passes visiteurs, leave the company, who leave, old workers, old worker, old staff, former staff,
    vieux badge, vieux badges, vieille carte, qui a demenage, moved out, never had that right, never had the right, n avaient pas le droit, n ont pas le droit,
    ce n etait pas prevu, not supposed to, ne devraient pas, n est pas cense, ne sont pas censes, n existe plus, qui n existe plus, no longer exists, badge desactiver, carte desactiver, code desactiver, revoque, revoked, expire, expired, supprime, deleted badge, disabled, invalid,
    blacklist*, bloque badge, ancien salarie, anciens salaries, ancien employe, former employee, ex salarie,
    ex employee, old badge, vole, stolen, perime, annule, cancelled, canceled, interdit, refuse badge, parti,
    who left, qui sont partis, qui est parti, qui a quitte, qui ont quitte, departed, left the company,
    anciens prestataires, ancien prestataire, ancien livreur, ex prestataire, former contractor, ancien stagiaire,
    anciens stagiaires, ancien agent, ancien technicien, suprime, suprimé, clone*, cloned, clones, copie, licencie,
    fired, renvoye, dismissed, let go, expir*, deleted, not in the database, pas dans la liste,
    ne sont pas dans la liste, not on the list, non enregistres, pas enregistres, ne sont pas enregistres,
    not registered, not enrolled, badge de visiteur, badges visiteurs, badge visiteur, visitor badge,
    carte de visiteur, carte de la piscine, carte de bibliotheque, library card, gym card, carte de cantine,
    contrat est termine, dont le contrat, contrat fini, contract is over, whose contract,
    interimaires dont le contrat, en liste noire, liste noire, black list, blacklisted, old employee,
    ne fait plus partie des effectifs, ne fait plus partie, no longer works here, ne travaille plus,
    ancienne societe, ancienne entreprise, previous company, previous tenant, mission est finie, mission terminee,
    mission finie, dont la mission
unlocked: open, opened, acces libre, en acces libre, unlocked, ouvert, grande ouverte, entrouverte, ajar,
    stuck open, stays open, remains open, wide open, propped open, bloquee ouverte, bloque ouvert, reste ouverte,
    restent ouvertes, s ouvre toute seule, s ouvrent toutes seules, s ouvre seule, opens by itself,
    opens on its own, en position ouverte, beante, stay open, levee, reste levee, stays up, stuck up, en l air,
    tout seul, toute seule, toutes seules, tous seuls, by itself, on its own, reste libre, libre dans les deux sens,
    ouvert en continu, ouvert en permanence, open all the time, opens from outside, s ouvre de l exterieur,
    isn t held, n est plus maintenue, s ouvre librement, librement, freely, libre, left open, laissee ouverte,
    s ouvrent en poussant, s ouvre en poussant, open by pushing, opens by pushing, opens with a push,
    both doors open together, open together, s ouvrent ensemble, s ouvre en le poussant, plus besoin de badge,
    no need for a badge, sans avoir besoin de badge, deverrouillees, deverrouilles, held open, tenue ouverte,
    maintenue ouverte
forced: force, forced, forced open, fracture, defonce, pried open, kicked in, brise*, brisee, decoupe, cut open
intrusion: intrusion, intrus, intruder, effraction, cambriolage, cambriole, cambrioleur, break in, break ins,
    broke in, burglary, burglar, piratage, pirate, hack, hacked, hacker, hacking, compromis, compromission,
    compromised, cyberattaque, cyber attaque, cyberattack, cyber attack, ransomware, rancongiciel, malware, virus,
    chiffre par, encrypted by, compte inconnu, unknown account, unknown user, utilisateur inconnu,
    connexion suspecte, suspicious login, suspicious connection, acces frauduleux, fraudulent, mot de passe change,
    password changed, prise de controle, taken over, someone logged, quelqu un s est connecte, stolen from, squat,
    squatteurs, squatters, individu, rodeur, prowler, broke into, broken into, break into, breaking into, escalad*,
    climbed, jumped the fence, jumped over, enjambe, logiciel malveillant, malveillant, malicious, antivirus,
    rancon, ransom, fichiers chiffres, sont chiffres, files encrypted, are encrypted, someone else is logged,
    vol de materiel, materiel vole, equipment stolen, goods stolen, stolen goods, marchandise volee, vitrine brisee,
    vitrine cassee, glass broken, broken glass, showcase broken, vitre brisee, vitre cassee, window smashed,
    object missing, objet disparu, objet manquant, bris de glace, sabotage, sabote, encryption, encryption activity,
    chiffrement, connexion sortante, outgoing connection, dans le reseau, in the network, on our network,
    in our network, quelqu un est dans le reseau, anti passback desactive, anti passback disabled, ont ete publies,
    publies sur, published on, connexions depuis l exterieur, depuis l exterieur, from outside, log in from,
    logged in from, connexion depuis, depuis une ip, from an ip, cut the fence, fence cut, cloture coupee,
    coupe la cloture, trou dans la cloture, hole in the fence, people in the yard, traces de pas, footprints,
    traces d effraction, signs of forced entry, y a eu quelqu un, there was someone, someone was in, cadenas coupe,
    cadenas casse, padlock cut, lock cut, plugged into, branche sur le reseau, test d intrusion reel, cache dans,
    hiding, cagoulee, cagoule, masked, balaclava, surpris, caught someone, en train de demonter,
    demonter une camera, dismantling, posted in, posted on, publie sur, a ete publie, circulent sur, sur un forum,
    ont fuite, fichiers en locked, locked files, extension locked, outbound connections, connexions sortantes
nuisance display: display, photo, alarm history, historique des alarmes, historique des alarmes intrusion,
    historique des alarmes d intrusion, intrusion alarm history, historique d alarmes, journal des alarmes,
    alarm log, event log, journal des evenements, labelled, labeled, is labelled, etiquetee, libellee, minuscule, trop petit, too small, logo, en double, twice, duplicate, duplicated, tiny, bigger, taille, size,
    agrandir, mosaic, tree, arborescence, affichage, mosaique, layout, mise en page, disposition, icon, libelle,
    label, etiquette, couleur, colour, color, glitch, graphique, graphical, cosmetic, cosmetique, decale, menu,
    bouton, button, onglet, tab, plan, carte du site, map, resolution, plein ecran, full screen, fullscreen, text,
    fenetre d alarme, popup, pop up, mauvais ecran, wrong screen, wrong monitor, menu deroulant, pie chart,
    camembert, tronque, truncated, colonne, column, en grand, coupees a droite, coupee a droite, coupees en bas, coupee en bas, cut off at the bottom, cropped, lignes,
    lines, floor plan, plan du site, barre de lecture, reperes, timeline, link, lien, saved views,
    vues enregistrees, en premiere position, first position, in first position, fond d ecran, wallpaper,
    display bug, bug d affichage, moche, ugly, dans le desordre, in the wrong order, image link, lien de l image,
    broken link, miniatures, thumbnails, espace disque, disk space, address, adresse du serveur, server address,
    armement partiel, armement total, illisible, unreadable, page d accueil, home page, ne se voit pas bien,
    se voit mal, hard to see, pas bien visible, peu visible, on voit mal, zoom numerique, digital zoom, bon ordre,
    pas dans le bon ordre, wrong order, tooltip, infobulle, cut in half, coupe en deux, relecture acceleree,
    lecture acceleree, fast forward, avance rapide, sans accent, accent, curseur, cursor, mode paysage,
    landscape, bande noire, black band, black bar, stretched, etire, deforme, relecture en vitesse, vitesse, x8, x4,
    x16, fenetre des alarmes, fenetre de relecture, fenetre de connexion, window title, login window,
    playback window, titre de la fenetre, le titre, title, version, numero de version, bandeau, barre d outils,
    toolbar, defile, scrolls, ticker, police de caracteres, polices, fonts, lisible, noir et blanc,
    en noir et blanc, black and white, 4/3, 16/9, molette, scroll wheel, mode nuit, mode jour, night mode, day mode,
    theme clair, eblouit, saccade, saccadee, choppy, jerky, double clic, double click, double-clic,
    opens full screen, s ouvre en plein ecran, ne s ouvre plus en plein ecran, full screen at startup, scroll, 4 3,
    16 9
nuisance slow: met, takes, minutes after, minutes apres, c est long, takes long, lent, lenteur, lentement, slow, slowly, slowness, sluggish, ralenti, ralentissement,
    rame, ramer, latence, latency, lag, laggy, mouline, long a, longtemps, takes ages, takes forever, delai, delay,
    retard, delayed, decalage, late, en retard, mettent du temps, met du temps, takes time, prend du temps
nuisance configuration: la date, the date, trop longtemps, too long, release time, door release time, temps de deverrouillage,
    duree de deverrouillage, shorten, lengthen, raccourcir, allonger, rallonger, pb d heure, probleme d heure, souci d heure, heure fausse, mauvaise date, fiche, called, appelee, nommee, named, s appelle,
    intitule, anglais, francais, english, french, date incrustee, incruste, wrong date, format de date, date format,
    changement d heure, heure affichee, nom de la camera, camera name, overlay, incrustation, horodatage, timestamp,
    parametrage, parametre, configuration, config, reglage, setting, misconfigured, mal configure, mauvaise heure,
    wrong time, heure d ete, daylight saving, fuseau, time zone, langue, language, traduction, translation,
    orthographe, faute, typo, is spelled, is spelt, spelled, misspelt, misspelled, mal orthographie, nom, name, renommer, rename, export, exporter,
    format, rapport, preference, profil, droits, permissions, mise a jour, update, licence, license, imprimer,
    print, impression, volume, bip sonore, tri, sort, filtre, filter, recherche, search, raccourci, shortcut,
    ergonomie, usability, alarm report, error sound, chime, carillon, licence camera, pas trie, not sorted, horloge,
    clock, derive, drifts, allemand, german, espagnol, spanish, heure utc, utc, timezone, fuseau horaire,
    exit delay, entry delay, temporisation, par defaut, by default, camera tour, tour de cameras, dwell, role,
    forget*, oublie*, module de rapports, audio, son de, decalage d une heure, decalage horaire, time shift,
    masques de confidentialite, masque de confidentialite, privacy mask, log in again, se reconnecter,
    asks to log in, demande de se reconnecter, texte d incrustation, licence expire, license expires, expire dans,
    expires in, licence expire dans, numero de telephone, phone number, champ, field, commentaire, caracteres,
    characters, grince, bruyant, noisy, squeaks, open time, temps d ouverture, duree d ouverture, prenom,
    first name, default, slowed down, slow down, ralentir, sort them out, sans droit d export, sans droit de,
    without the right to
interface: interface, ihm, client vms, vms client, logiciel, software, application, appli, app, poste, workstation,
    pc, ordinateur, computer, navigateur, browser, client lourd, client web, web client, smart client, tablette,
    tablet, smartphone, mobile, telephone, phone, portail web, dashboard, tableau de bord, console, session, souris,
    mouse, client video, video client, logiciel video, video software
request: est ce qu on peut, est ce que, a desactiver, a supprimer, a bloquer, a ajouter, a creer, please deactivate,
    please disable, please remove, please add, to be deactivated, que se passe t il, what happens, does the system,
    is there a way, y a t il un moyen, procedure, what s the procedure, quelle est la procedure, close the ticket,
    cloturer, on peut cloturer, fermer le ticket, close the case, combien de temps, combien de jours, how long,
    how many days, peut on, pouvez vous, could you, can you, is possible, est il possible,
    serait il possible, comment, how, changer, modifier, change, modify, corriger, correct, expliquer, explain,
    mode d emploi, user guide, mail, email, rien d urgent, nothing urgent, pas urgent, not urgent, no rush,
    formation, training, question, demande, request, comment faire,
    how to, how do, how can, ajouter, add, creer, create, nouvel utilisateur, new user, rappeler, call back, devis,
    quote, documentation, notice, manual, conseil, advice, possible de, is it possible, besoin d aide, amelioration,
    improvement, suggestion, confort, comfort, gene, genant, annoying, minor, mineur, petit, small, cosmetiques,
    sans importance, pas important, not important, only curious, curious, curieux, juste pour savoir, just to know,
    savoir, c est quoi, what is, a quoi sert, what does, remise a niveau, c possible, possible d avoir,
    est ce possible, where can, ou peut on, just for our records, pour nos archives, pour info, for information,
    c quoi, difference entre, difference between, est ce normal, c est normal, is it normal, is this normal,
    just asking, is the, available on, disponible sur
wish: voudrait, voudrions, please set, please program, pouvez vous programmer, programmer la porte, voudrais, souhaite, souhaitons, souhaiterions, souhaiterait, aimerait, aimerions,
    aimerais, would like, want, wish, pour que, so that, au lieu de, instead of, on veut, we need, on a besoin,
    si jamais, au cas ou, in case, what happens if, what if, in the event, est ce qu on recevrait, would we,
    pour qu, voudraient, souhaiteraient, aimeraient, can it be, peut il etre, peut on le, could it be
by-hand: a la main, manuellement, manually, by hand, en manuel, en mode manuel, manual override
hypothesis: quand, when, si, if, en cas de, en cas d, in case of, des qu, des que, hypothetiquement, hypothetically,
    theoriquement, theoretically, en theorie, in theory, imaginons, supposons, admettons
system video: milestone server, video system
image: stream, camera tile
device access-control: rex, rex button, bras, arm, barrier arm
credential: fob, tag, permit, ticket
device intrusion-detection: zone, contact, bell box, sirene exterieure, strobe, flash, shock sensor, beam,
    beam detector
whole-site: nulle part, nowhere, interieures et exterieures, exterieures et interieures, interieures comme exterieures,
    interieurs et exterieurs, exterieurs et interieurs, indoor and outdoor, outdoor and indoor, inside and outside,
    interieur et exterieur, exterieur et interieur, anywhere, site entier, le site entier, l ensemble du, l ensemble de l,
    all over the site, across the whole
quantity all: chacun, chacune des, chacun des, each of the, every one of
problem down: en carafe, stayed silent, stays silent, remained silent, remains silent, reste muette, restee muette,
    est muette, restees muettes, connexion impossible, impossible de se connecter, unable to connect, cannot connect, can t connect, blue screen, blue screened, ecran bleu, tore down, torn down, croix rouge, une croix, red cross, a red cross, ne se declenche plus, ne se declenche pas, ne se declenchent plus,
    ne se declenchent pas, rien ne se declenche, grillee, grillees, est grille, sont grilles, ont grille,
    cramee, cramees, crame, cramees, no power, has no power, hors tension, sans alimentation,
    plus alimente, n est plus alimente, unpowered, without power, sans courant, plus de courant, ne revient pas, ne revient plus, ne reviennent pas,
    ne reviennent plus, doesn t come back, didn t come back, never came back, died, has died, ne redemarre pas, ne redemarre plus,
    ne redemarrent pas, ne redemarrent plus, won t restart, doesn t restart, won t come back up, arrete, out, en boucle, in a loop, unresponsive, ne repond plus,
    est arrete, sont arretes, a lache, ont lache, lache, snapped off, ripped out, stays down, reste baisse
problem degraded: isole, isolated, fausses alarmes intrusion, fausse alarme intrusion, fausses alarmes d intrusion,
    false intrusion alarms, false intrusion alarm, not acknowledging, n acquitte pas, n acquitte plus, overexposed, over exposed, underexposed, surexposee, surexposees, surexpose,
    surexposes, sous exposee, sous expose, n a plus que, on n a plus que, n avons plus que, n ont plus que, bypass, bypassed, shunte, inhibe, du premier coup, first time, 4 ou 5 fois,
    several attempts
nothing: aveugle, on est aveugles, nothing on, rien sur, flying blind, unprotected, non protege, sans protection, plus protege, plus la main, plus la main sur rien, lost control, no control over anything, we are blind, blind, does nothing, ne fait rien, fait rien, ne fait plus rien
works any: revenu, came back, come back, back online, garde, memorise, remember, s active, s activent, activate,
    sonne, sonnent, sound, retentit, ring, rings, rang, rung
works report: come, coming, arrive, arrivent, reach the, reaching, suivre les alarmes, follow the alarms, go out, goes out, sent out
works open: release, deverrouille, deverrouillent, unlock
unlocked: deverrouillee, deverrouilles, stay released, stays released, remain released, restent liberees, reste liberee,
    en position liberee, se deverrouille, se deverrouillent, unlocks itself, unlock themselves, position levee, raised position, up position,
    se libere quand meme, s ouvre quand meme, s ouvrent quand meme, ouvre quand meme, opens anyway, open anyway,
    unlocks anyway, releases anyway, s ouvre meme avec, s ouvrent meme avec, opens even with, open even with, open day and night, open night and day, ouverte jour et nuit, ouvert jour et nuit,
    ouverte nuit et jour, ouvertes jour et nuit, s ouvre des deux cotes, s ouvrent des deux cotes,
    des deux cotes en meme temps, des deux cotes a la fois, s ouvrent simultanement, s ouvre simultanement,
    open simultaneously, opens on both sides, both sides at once, both sides at the same time, deverrouillage permanent, position libre, en position libre, libre passage,
    en libre passage, free passage, free wheeling, freewheeling, position haute, en position haute,
    en position ouverte, s ouvrent en meme temps, open at the same time, both doors open, les deux portes s ouvrent,
    barriere levee, gate up
unauthorized: sans billet, sans ticket, comme dans un moulin, like a revolving door, avec un seul badge, with one badge, with a single badge, on a single badge,
    on one badge, pour un seul badge, straight into, walk straight in, walks straight in, ouvrent aussi la nuit, ouvre aussi la nuit, ouvrent aussi le week end,
    ouvre aussi le week end, open at night too, opens at night too, open at weekends too, without ticket, without a ticket, without a permit, no ticket
revoked: qu on a desactives, qu on a desactive, qu on a desactivees, qu on a desactivee, que nous avons desactives, we deactivated,
    we have deactivated, we had deactivated, supposed to be deactivated, should have been deactivated, devait etre desactive, devait etre desactivee,
    aurait du etre desactive, aurait du etre desactivee, devaient etre desactives, laid off, la date de validite est passee, la date de validite est depassee, date de validite depassee, validite expiree, validite depassee, hors validite, never enrolled, not enrolled, never issued, never assigned, jamais eu les droits, pas les droits,
    no rights, ancienne carte, contract ended, contrat est fini, contrat termine, fin de contrat, former tenant,
    former, ancien locataire, blocked, lost fob, lost badge, badge perdu, badges perdus, carte perdue
enters: badged into, badged in, drive in, driving in, drive through, drives in, aller, acceder
admits: ouvre encore, ouvrent encore, ouvre toujours, ouvrent toujours, still opens, still open the, letting people through, let people through, lets people through, letting everyone through, lets everyone through, permettent d aller, permet d aller, permettent d acceder, permet d acceder, allows access, allow access,
    gives access to
intrusion: someone inside, somebody inside, glass breaking, breaking glass, bruit de verre, verre casse, verre brise, par la fenetre, par une fenetre, by the window, through the window,
    through a window, on nous a vole, nous a vole, ont vole, a ete vole, ont ete voles, stole, thieves,
    thief, theft, robbed, robbery, voleurs, voleur, coupes volontairement, coupe volontairement,
    cut on purpose, cut deliberately, deliberately cut, acte de malveillance, malveillance, mine crypto, crypto mining, cryptominage, minage de crypto, cryptominer, external ip, ip externe, ip exterieure, adresse ip externe, people inside, quelqu un a l interieur, des gens dans le,
    des gens dans la, des gens a l interieur, vu quelqu un, saw someone, seen someone, on voit quelqu un,
    i can see him, lampe torche, torch, flashlight, going through drawers, fouille, called 999, called 911,
    called the police, appele la police, appele le 17, alarme intrusion, rogue, rogue device, appareil inconnu,
    unknown device, ip etrangere, foreign ip, unknown ip, ip inconnue, identifiants ont fuite, credentials leaked,
    leaked, teamviewer, payment, paiement, bitcoin, pilote, controlled remotely
disowned: personne de chez nous, personne chez nous, don t know who, we don t know who, on ne sait pas qui,
    ne sait pas qui, never installed, jamais installe, on n a jamais installe,
    we didn t install, aucun technicien n est venu, no technician came,
    no technician was on site, ce n est personne, pas nous, not us, wasn t us, was not us,
    nobody here, none of us, no one here, nobody on our team, je ne l ai pas fait, ne l a pas fait,
    on ne connait pas, qu on ne connait pas, n existe pas chez nous, isn t ours, n est pas a nous, not one of ours,
    s amuse, nobody did, nobody here did, personne ne l a fait, jamais attribue, aren t doing it, not doing it,
    we are not doing, someone else, quelqu un d autre, somebody else, ne connaissons pas,
    que nous ne connaissons pas, we don t recognise, we don t recognize, personne n a fait ca, nobody did that,
    aucun de nos scripts, none of our scripts, doesn t exist, n existe pas, nobody here did that,
    nobody was on site, personne sur site, aucun agent present, le site etait ferme, site was closed,
    personne ne sait, nobody knows, personne de l equipe, nobody in the team, ne l a cree, attribue a personne,
    assigned to nobody, n est attribue a personne, not any of our staff, none of our staff,
    pas quelqu un de chez nous, personne de notre personnel, qu on n a pas faites, qu on n a pas faits,
    we didn t make, that we did not make, we did not make, nobody recognises, nobody recognizes,
    que personne ne reconnait, que personne ne connait, par qui, by whom, on ne sait pas par qui,
    we don t know by whom, jamais cree, never created, qu on n a jamais cree, en conge, on leave, on holiday,
    technicien en conge
changed: a ete change, ont ete changes, a ete modifie, ont ete modifies, was changed, were changed, were altered,
    was altered, has been changed, have been changed, a modifie, ont modifie, a change, ont change, changed,
    modified, altered, a desactive, renamed, renomme, ajoute, added, created, a cree, ont cree, cree, attribue a,
    assigned to a, importe, imported, a importe, disarmed, desarme, mise a l arret, disarm*, a ete cree, ete cree,
    ont ete crees, connexion a distance, remote connection, remote session, prise en main a distance,
    connected remotely, connecte a distance, connectee a distance, exporte, exported, exportes, exportees
alarm: alarmes intrusion, door forced, notifications de defaut
partial: des autres, other buildings, other areas, autres zones, les autres zones, other zones, other parts,
    autres parties, autres batiments, d autres, the rest of, ailleurs, elsewhere, hq cameras
filler: panne de courant, out of, running out, run out, ran out, sold out, comment se fait il, comment ca se fait, how come, perd du temps, perdre du temps, perdons du temps, on perd du temps, lose time,
    losing time, waste time, wasting time, plus tot, plus tard, plus vite, plus souvent, plus longtemps, bien plus, beaucoup plus,
    de plus en plus, find out, found out, figure out, check out, turns out, turned out, out of curiosity,
    log out, logged out, sign out, print out, zoom out, carry out, carried out, point out, pointed out, coupure de courant, coupure electrique, panne electrique, power cut, power outage,
    power failure, blackout, looks like, on dirait
place: fenetre, window, local archives, local des archives, salle des archives, archive room, archives room, annexe, annex, qui y sont rattachees, qui y sont reliees, qui y sont connectees,
    qui en dependent, attached to it, connected to it, mezzanine, gym, salle de sport
nuisance display: widget, mode sombre, dark mode, theme, synoptique, synoptic, en gris, en vert, en rouge, in red,
    in green, in grey, red letters, lettres, colour code
nuisance configuration: planning, schedule, horaire, plage horaire, timetable, calendrier, doublon, duplicates,
    gestion, list, excel, pdf, csv, audit, statistiques, stats, retention, duree de conservation, gdpr, rgpd, ordre,
    order, trie, sorted, sort them, bip, double bip, beep, sonnerie, buzzer, loud, fort, turn down, turn them down,
    turn it down, baisser, lower, adresse mail, adresse, volume sonore
request: contacter, qui dois je, refresher, refresher session, course, could the, could we, can we, pourrait on,
    pourriez vous, pourrait, pourriez, retaper, retenir, need, besoin
wish: d like, preferer*, prefer, would prefer, on prefererait
intermittent: intermittent, par intermittence, intermittently, aleatoire, aleatoirement, randomly,
    de temps en temps, on and off, une fois sur, one time out of, once in, every other time, sometimes, parfois,
    des fois, not always, pas toujours, plusieurs fois, several times, fois par jour, times a day, par moments,
    de facon aleatoire
secret: mot de passe, mots de passe, password, code installateur, installer code, identifiants, credentials, admin password, code admin, code maitre,
    master code
restricted: reservee, reserve aux, reservee aux, restricted, interdite, interdit d acces, y compris, including,
    off limits, interdites, reservees
comparison: comme, like, than, such as
main-door: main door, main entrance, porte principale, entree principale, main gate, acces principal,
    portail principal, porte d entree principale, cloture, fence, grillage, perimeter fence, cloture perimetrique
past: remarche, works again, refonctionne, refonctionnent, re fonctionne, marche de nouveau, back to normal, fonctionne de nouveau, fonctionne a nouveau, repare, repaired, fixed, resolu, resolved,
    cleaned up, l an dernier, l annee derniere, last year, l hiver dernier, last winter, last month,
    le mois dernier, exercice, drill, simule, simulated, deja regle, already sorted, comme prevu, as planned,
    as expected
recurrent: every few hours, toutes les quelques heures, puis ca revient tout seul, ca revient tout seul,
    revient toute seule, reviennent tout seuls, reviennent toutes seules, during that time, pendant ce temps,
    pendant ces coupures, pendant les coupures, during the drops, during those drops, during the drop, pendant la coupure, every hour,
    toutes les heures, for a minute, quelques minutes, a few minutes, revient, comes back, then it s back,
    puis revient, revient tout seul, comes back by itself, comes back on its own, puis ca revient, par heure,
    per hour, at a time, a la fois
seen: a ete vu, ont ete vus, a ete vue, se promene, se promenent, wandering, lurking, rode, rodent, traine dans,
    hanging around, ont ete vues, ete vues, ete vus, was seen, were seen, been seen, been spotted, spotted, vu sur, apercu,
    repere, on a vu, we saw, vu sur les images, seen on the footage
elsewhere: dont parlent les journaux, dont parle la presse, dans les journaux, dans la presse, in the news,
    in your newsletter, dans votre newsletter, in the newsletter, dans la newsletter, mentioned in, ne concerne pas,
    does not concern, doesn t concern
powers: alimente, alimentent, qui alimente, powers, supplies power to, which powers, that powers
disowned: personne du service, personne de notre service, personne du service n a fait ca, nobody from the department,
    nobody in the department, nobody from our team
negation no-longer: a cesse de, ont cesse de, cesse de
filler: seul souci, le seul souci, seul probleme, le seul probleme, only thing, the only thing, only issue,
    the only issue, only problem, the only problem, levee de doute, levees de doute, levee de doute video,
    alarm verification
request: former deux, former des, former les, former nos, former un, former une, nous former, pouvez former,
    pourriez former, de former, close the ticket, ticket can be closed, clore le ticket
nuisance configuration: monthly report, rapport mensuel, report of, reports of, le rapport des, the report of
alarm: denied badge attempts, denied attempts, refused attempts, tentatives refusees, access events,
    evenements d acces, forced door alarm, forced door alarms, alarmes de porte forcee, alarme porte forcee
nuisance slow: take ages, taking ages, take forever, taking forever
past: qu on croyait, qu on pensait, we thought was, turned out to be, s est revele etre, s est avere etre,
    rentre dans l ordre, back in order, dossier est clos, case closed
nuisance display: carte des alarmes, alarm map, pas a jour, not up to date, n est pas a jour, out of date, outdated
place: nouveau batiment, new building, nouvelle aile, new wing
unlocked: release together, both release, released together, deux personnes a la fois, deux personnes en meme temps,
    two people at once, two people at a time, two people at the same time
unauthorized: interlock gone, interlock is gone, interlock seems gone, interlock no longer works
intrusion: took stuff, took things, took goods, ont emporte, a emporte
problem down: been dark, went dark, gone dark, are dark, is dark, all dark
problem degraded: recouvert
hypothesis: que se passe t il si, qu est ce qui se passe si, que faire si, what would happen if,
    what do we do if
fine: nothing reached
whole-site: whole system, entire system, tout le systeme, l ensemble du systeme
problem down: mode test, en mode test, test mode, in test mode, en test, la meme image, la meme image depuis,
    the same image, same image, the same frozen picture, same frozen picture, l heure bouge pas, l heure ne bouge pas,
    l heure ne bouge plus, clock dont move, clock doesn t move, clock does not move, clock on the image dont move,
    useless now, is useless, pointed at the ceiling, points at the ceiling, facing a wall,
    tournee vers le mur, tournee vers le plafond, tourne vers le mur, face au mur
unlocked: ouverture permanente, en ouverture permanente, always open, permanently open, opens both doors together,
    both doors together, both doors at once, les deux portes en meme temps, deux portes en meme temps,
    ouvre les deux portes
missing: impossible de retrouver, impossible to find, can t find the, cannot find the, ne retrouve pas les, ne retrouvons pas les,
    ne retrouve pas l, ne retrouvons pas l, retrouve pas les, couldn t find the, could not find the
past: remise en place, remis en place, remises en place, put back in place, put back into place
disowned: no idea who, nobody asked, nobody in the company asked, no one asked, personne ne les a demandes,
    personne ne l a demande, personne n a demande, que personne a cree, que personne n a cree, neither he nor we,
    ni lui ni nous, aucun de nos agents, none of our agents, les bureaux etaient fermes, offices were closed,
    the offices were closed
works any: remarchent, remarchent tous, remarchent toutes
problem degraded: is masked, are masked, was masked, were masked, has been masked, have been masked
fine: bien refuses, bien refusees, sont bien refuses, sont bien refusees, are correctly refused,
    are properly refused, are refused as expected, nuit calme, nuit tranquille, quiet night, calm night,
    fausses alarmes dues au menage, false alarms due to cleaning, false alarms caused by the cleaners
nuisance display: scintille, scintillent, scintille un peu, dead pixels, dead pixel, line of dead pixels, pixels morts, pixel mort
filler: go through the front desk, go through reception, passent par l accueil, passent par l acceuil
door: airlock, airlocks
sensitive: data room, salle data
intrusion: la police est passee, la police est venue, the police came, police came by
changed: was reset, were reset, a ete reinitialise, ont ete reinitialises, remis a zero, reset to
problem degraded: disconnecting, keeps disconnecting, se deconnecte, se deconnectent, misty, embue, embuee, buee,
    spider web, toile d araignee, faces are unreadable, visages illisibles, image illisible, images illisibles
problem down: se desactivent, se desactive une par une, turn off one by one, switch off one by one
intrusion: la souris bouge toute seule, la souris bouge tout seule, mouse moves by itself, mouse moving by itself,
    mouse moves on its own, remote logged, remotely logged, logged in remotely, s est connecte a distance,
    connecte a distance sur, somebody has logged, somebody logged
missing: lose, we lose, on perd
recurrent: regulierement, regularly, a chaque coupure, each time, every time, chaque fois, a chaque fois,
    times yesterday, fois hier
nuisance slow: qu au bout d, qu au bout de, only show up after, only appear after
intrusion: vols constates, vol constate, constate des vols, constate un vol
unlocked: locked open, stuck locked open, stayed locked open, bloques ouverts, bloquees ouvertes
enters: walk straight through, walk right through, just walk through, passent sans badger, passent librement
past: thanks for fixing, thank you for fixing, thanks for repairing, merci d avoir repare, merci d avoir resolu,
    merci d avoir retabli, merci pour la reparation, test de declenchement, un test de, prevoyons un test,
    planned test, test planifie, test prevu, passeront volontairement, seront volontairement, will deliberately
nuisance display: anciennes designations, designations, anciens noms, old names, old labels
request: ouvrir un ticket, open a ticket, ouvre un ticket, raise a ticket
problem down: not recognising anybody, not recognizing anybody, not recognising anyone, not recognizing anyone,
    ne reconnait personne, ne reconnait plus personne, ne reconnaissent plus personne
by-hand: par l accueil, through the reception, dual key procedure, double cle
fine: other days are there, the other days are there, les autres jours sont la, les autres jours sont bien la
whole-site: ni en direct ni en relecture, neither live nor playback, ni en live ni en relecture, ni direct ni relecture,
    quoi que ce soit, can t see anything at all
nuisance configuration: too short, trop court, trop courte, add 3 seconds, ajouter quelques secondes, locks before people,
    relocks too fast, relocks too quickly, se verrouille trop vite, se referme trop vite, se reverrouille trop vite
filler: a la centrale, to the panel, to the alarm panel, pas nous appeler, pas nous joindre, pas nous contacter
problem degraded: always shows closed, shows closed even when, toujours ferme meme, indique toujours ferme
filler: even when it s wide open, even when it is open, meme quand elle est ouverte, meme porte ouverte
unlocked: opens both doors at the same time, both doors at the same time, ouvre les deux portes a la fois
revoked: restitue, restituee, badge rendu, badges rendus, returned badge, handed back, badge restitue, anciens interimaires,
    contrats sont termines, contrat termine, contract ended, whose contract ended, contracts ended
works show: shown, have shown, has shown
works open: se leve, se levent
intrusion: il y a quelqu un dans, there is someone in, someone is in the, quelqu un dans l entrepot, quelqu un dans le batiment
filler: ne pas tenir compte, ne pas en tenir compte, please ignore, ignore any alarms, ignorer les alarmes, klaxons partout,
    voitures bloquees, for open the door, to open the door, pour ouvrir la porte, pour nous ouvrir, for opening the door
request: test de sirene, siren test, test sirene, test mensuel, monthly test
past: suite a l intrusion du, suite a l effraction du,
    following the break in on, following the break in of, dossier clos, case closed, insurance settled, l assurance a indemnise,
    est reglee, est regle, sont reglees, is sorted, is sorted out, has been sorted
place: rez de chaussee, rdc, ground floor
by-hand: passe par le, passent par le, passe par l autre, passent par l autre, use the other one, use the other
unauthorized: s ouvrent avec n importe quelle carte, s ouvre avec n importe quelle carte, s ouvrent avec n importe quel badge,
    s ouvre avec n importe quel badge, opens with any card, open with any card, opens with any badge, open with any badge
past: c est planifie, c est prevu, pas besoin d intervention, no action needed, seront eteintes, seront coupees,
    will be off, will be switched off, will release, will be released, seront liberees, passeront en
filler: please ignore any alarms, merci de ne pas tenir compte de l alarme
nuisance display: barre de defilement, scroll bar, scrollbar, compteur de places, compteur
filler: cannot set the building, can t set the building, impossible d armer le batiment
sensitive: pharmacie centrale
filler: just letting you know, letting you know, for your information, fyi
past: pour travaux, for maintenance work, for the works
problem down: jammed, jammed shut, is jammed, coince ferme, coincee fermee
disowned: personne au service securite n a fait ca, personne n a fait ca, nobody did that, no one here did that
changed: ont ete modifiees, a ete modifiee, were modified, was modified
request: should we cover, faut il proteger, faut il la deplacer, have it moved, merci de nous conseiller, could you advise,
    tiendront ils, will the ups hold
fine: nothing is broken, aucune panne a signaler, no issue right now, rien a signaler, le reste de l intrusion est operationnel,
    le reste de l intrusion fonctionne
partial: here and there, par endroits, ca et la
whole-site: perte totale, total loss
nuisance display: page d historique, history page
problem degraded: sans la video associee, without the associated video, sans video associee, without the linked video
past: on avait une, we had a
partial: ceux de
missing: are not recording anymore, is not recording anymore, no longer recording, not recording anymore, stopped recording,
    not recording, are not recording, is not recording, aren t recording, isn t recording, stopped recording,
    n enregistrent pas, n enregistre pas, have not been recording, has not been recording, haven t been recording,
    hasn t been recording, not been recording
unlocked: tourne dans le vide, tourne a vide, spins freely, reste debloque, reste debloquee, restent debloques, restent debloquees, free pass mode, free-pass mode, en la poussant, en les poussant, en poussant, opens if you push, open if you push, opens if you push it,
    opens when you push, opens when you push it, just by pushing, by pushing it, free mode, in free mode, mode libre,
    en mode libre, passage libre, free passage
credential: combinaison, combination, combinaisons a 4 chiffres
revoked: declare perdu, declares perdus, declares perdus et bloques, reported lost, reported as lost, lost badge, badge perdu,
    badges perdus
recording: la journee du, journee du, the day of the, footage of the day
nuisance display: dans le meme rouge, la meme couleur, meme couleur, same colour, same color, grid is messed up,
    messed up, overlap each other, se chevauchent, chevauchent, ecran d accueil, welcome screen, splash screen
past: tout est revenu, everything is back, everything came back, merci pour l intervention, thanks for the intervention,
    insurance is settled,
    ne vous inquietez pas, don t worry, pas d inquietude
request: send us the report, test report, cloturer le ticket, fermer le ticket, vous pouvez clore,
    vous pouvez cloturer, peut etre cloture, peut etre clos, can be closed, please close ticket, please close the ticket,
    close the ticket, rapport de test, up to date, a jour, sont ils a jour,
    question bete, petite question, question idiote, stupid question, quick question, juste une question,
    c est une question, just a question, just asking, pentest, test d intrusion programme
elsewhere: vu aux infos, aux infos, a la tele, chez un concurrent, at another company, at a competitor
fine: rien de casse, nothing broken, rien n est casse, ce qui est normal, which is normal,
    refused as expected, denied as expected, refuse comme prevu
fine: tout fonctionne, everything works, everything is working
only-device: on a une seule, on n a qu une, nous n avons qu une, nous avons une seule, we only have the one, we only have one,
    we have only one, we ve only got one, we only have a single, a une seule, n a qu une
site-is-part: one floor only, only one floor, a single floor, only have one building, only have one floor, un seul plateau,
    un seul niveau, un seul etage, tous nos locaux, n a qu un batiment, n a qu un seul batiment, n a qu un site, n occupe que, n occupons que, occupe seulement, occupons seulement, only occupies, only occupy, is only the,
    is just the, c est un seul batiment, un seul batiment, a single building, one single building, only one building,
    notre seul batiment, our only building, only have the ground floor, n avons que le, we only have one building,
    we have only one building, we only have a single building, we only have one floor, we have only one floor
problem degraded: pendouille, pend au bout de son fil, ne montre plus que le mur, ne filme plus que le mur,
    only shows the wall, filme le mur, montre le mur, dangling, hanging by its cable, hangs by its cable
intrusion: tente de se connecter, tried to log in, tried to connect, a reussi a se connecter, managed to log in,
    connexion depuis l etranger, connexions depuis l etranger, logged in from abroad, login from abroad,
    quelqu un a ses identifiants, quelqu un a nos identifiants, someone has his credentials, someone has our credentials,
    someone has our password, quelqu un a le mot de passe, alors qu il dormait, while he was asleep
system hypervisor: security software
revoked: fait desactiver, avait fait desactiver, had it deactivated, had them deactivated, anciens adherents,
    ancien adherent, former members, former member, ex adherents, qui n ont pas renouvele, who didn t renew,
    n ont pas renouvele, ne paient plus
quantity none: neither of our, neither of the, ni l une ni l autre, aucune des deux, aucun des deux
alarm: telesurveillance, la telesurveillance, monitoring company, the monitoring company, alarm receiving centre,
    centre de telesurveillance
works report: nous appelle, nous appellent, calls us, call us
nuisance display: icons for the doors, les icones, ecrits trop petit, trop petit,
    too small, names under the camera, names are cut off, les noms sont coupes, noms tronques, screen saver,
    economiseur d ecran
nuisance configuration: nous deconnecte au bout de, deconnecte au bout de, logs us out after, plutot que sur le mien,
    instead of mine
request: declenchee volontairement, declenchement sera volontaire, deliberately, retrouver le mot de passe,
    mot de passe oublie, forgot the password, perdu le carnet, est ce qu on risque, should we be worried,
    risque quelque chose, viennent d ou, test de l alarme est prevu, vous prevenir, juste vous prevenir,
    coupure de courant programmee, planned power cut, est ce qu il y a moyen, y a t il moyen, is there a way
past: we re testing, we are testing, please ignore any alerts, ignore any alerts
filler: on ne les lit pas, on ne le lit pas, can t read them, we can t read them
elsewhere: dans le journal, diocese voisin, chez d autres, at other, parle de piratage, notre federation
intrusion: chiffrer les fichiers, s est mis a chiffrer, encrypting the files, encrypting files, extension locked
disowned: que personne ici n a cree, personne ici n a cree, nobody here created
account: un utilisateur, a user named
unlocked: ouvre les 2 portes en meme temps, les 2 portes en meme temps, les deux portes en meme temps,
    passent direct sans attendre
whole-site: meme celles des, even those, even the ones
revoked: devaient expirer, should have expired, were supposed to expire
problem down: accepts nobody s card, accepts no card, n accepte aucun badge
filler: l affiche en defaut, affiche en defaut, l indique en defaut, shows it in fault, shows it as faulty
nothing: sans camera, sans aucune camera, without cameras, without any camera
problem down: won t lift, wont lift, doesn t lift, does not lift, will not lift
by-hand: open it by hand, we open it by hand, on l ouvre a la main, use the key, have to use the key, utiliser la cle,
    passer avec la cle, ouvrir avec la cle, with the key
filler: a essaye d entrer, tried to enter, tried to get in, a tente d entrer, ont essaye d entrer
interface: rapport d alarmes, rapport des alarmes, rapport d alarme, rapports d alarmes
system video: ecran des cameras, l ecran des cameras, ecran des cams, l ecran des cams, the camera screen, the cctv screen
filler: en pleine journee, en plein jour, in broad daylight
problem degraded: image rose, image toute rose, images roses, pink picture, pink image, rose et deformee
problem degraded: minutes late, minutes de retard, quart d heure de retard, d heure de retard, on ne reconnait personne,
    can t recognise anyone, can t recognize anyone
fine: aucune consequence sur le fonctionnement, sans consequence sur le fonctionnement, aucun impact sur le fonctionnement,
    no impact on operation, tout est normal, levee de doute faite, not broken, pas en panne, aucune image n a ete perdue,
    aucune image perdue, no footage was lost, rien n a ete perdu
elsewhere: sister company, our sister company, across the street, nothing to do with our systems, rien a voir avec nos systemes,
    rien a voir avec nous, garage voisin, le garage voisin, voisin s est fait, saw on the news, on the news, vu aux infos,
    vu au journal
request: la police est passee nous demander, police asked us for, ne pas declencher d intervention,
    merci de ne pas declencher, don t send anyone, do not send anyone, notre assureur, our insurance company, our insurer,
    assureur reclame, attestation de maintenance, purement administratif
past: coupe le courant, coupera le courant, will cut power, will cut the power, power will be cut, oublie de desarmer,
    forgot to disarm, reconstruction raid est terminee,
    le disque a ete change
nuisance configuration: unlocked from, unlocked until, deverrouillee a partir de, ouverte a partir de
nuisance display: au format americain, format americain, at the bottom, en bas de la liste
filler: sans arret, non stop, just inconvenient, juste genant
seen: on les voit sur l ecran, on les voit sur les cameras, on les voit sur les images, we can see them on the screen,
    we see them on camera, we can see them on camera
suspicious: ils ne sont pas de chez nous, pas de chez nous, not from here, a guy we don t know, someone we don t know,
    un type qu on ne connait pas
intrusion: deux inconnus dans, des inconnus dans, un inconnu dans, strangers inside, a stranger inside
works report: forwarded, are forwarded, relayed, are relayed
disowned: sans qu aucun de nous ne l ait fait, sans que personne ne l ait fait, aucun de nous ne l a fait,
    without any of us doing it, none of us did it, aucun de nos gestionnaires, none of our admins, no admin was logged in,
    personne n etait connecte
suspicious: that nobody created, nobody created
system hypervisor: poste central de surete, le poste central de surete, poste central de securite, central security desk
forced: jemmied, jimmied, has been jemmied, crowbarred, lock s hanging off, lock hanging off, serrure arrachee
intrusion: climbing the fence, climbed the fence, climb the fence, escaladant la cloture, escalader la cloture,
    escalade la cloture
revoked: old door code, the old door code, ancien code de la porte, removed the old code
works detect: mettre l alarme, mettre l alarme en route, mettre en route
device intrusion-detection: clavier de l alarme, le clavier de l alarme, alarm keypad, the alarm keypad
problem down: bipe plus, bippe plus, beeps no more
place: loge, la loge, lodge
alarm: alarmes loge, alarmes de la loge
revoked: locataire expulse, locataires expulses, ancien locataire, anciens locataires, evicted tenant,
    retire de la liste, on l a retire de la liste, removed from the list, supprimer sa carte, supprimer son badge,
    delete her card, delete his card, remove her card, remove his card, ancienne secretaire, ancienne employee,
    ancienne salariee
credential: son bip, sa telecommande, avec son bip, his fob, her fob, key fob
problem degraded: ca decroche, decroche et revient, on rate surement des trucs, on rate des trucs, we miss things
problem down: beeps red, bipe rouge, bippe rouge, refuse tout le monde, refuses everybody, refuses everyone
place: dans l entree, in the entrance, in the entrance hall, dans le hall d entree
system video: programme des cameras, le programme des cameras, logiciel des cameras, le logiciel des cameras,
    camera software, the camera software, camera program, the camera program
enters: going through, went through, passing through, passed through
system video: video de surveillance, la video de surveillance, enregistreur des cameras, l enregistreur des cameras,
    camera recorder, le boitier qui enregistre, boitier qui enregistre, boitier d enregistrement
system access-control: systeme des badges, le truc des badges, truc des badges, systeme des cartes, the badge thing,
    door system, the door system
system hypervisor: software that puts everything together, puts everything together, logiciel qui regroupe tout,
    qui regroupe tout
system intrusion-detection: boitier de l alarme, le boitier de l alarme, boitier d alarme, alarm box, the alarm box
intrusion: asking for money, demande de l argent, qui demande de l argent, cadenas est coupe, cadenas a ete coupe,
    padlock was cut, padlock cut, padlock has been cut
nothing: il est aveugle, est aveugle, sont aveugles, is blind, are blind
unlocked: stuck straight up, stuck in the up position, reste levee, restee levee, bloquee en position haute,
    en tirant, s ouvre en tirant, opens if you pull, opens by pulling, just pull it open
unauthorized: nobody checks who, no one checks who, personne ne controle, drivers just roll in, just roll in
suspicious: qui n ont rien a faire la, qui n a rien a faire la, who shouldn t be there, who have no business there
revoked: switched off the card, we switched off, who left on, qui devaient s arreter, devaient s arreter,
    should have stopped working, were supposed to stop
problem down: won t turn on, will not turn on, ne s allume plus du tout
quantity none: pas une qui, pas un qui, not one that
problem down: ne veut plus de nos cartes, ne veut plus de nos badges, ne veut plus des cartes, ne veut plus des badges,
    won t take our cards, won t accept our cards, doesn t take our cards, un rond qui tourne, rond qui tourne,
    spinning circle, loading circle, delai depasse, timed out, impossible de s en servir, can t use it, cannot use it,
    was silent, were silent, est restee silencieuse, n a pas sonne
problem degraded: gresillement, gresille, crackle, crackles, crackling, page blanche, blank page
system hypervisor: monitoring software, logiciel de supervision, supervision software, logiciel qui rassemble,
    le logiciel qui regroupe, software that brings together
door: petit sas, petit portillon, petite porte, petit portail, small gate, little gate
nothing: plus d yeux, je n ai plus d yeux, on est aveugles, nous sommes aveugles, we are blind, we re blind
intrusion: burgled, got burgled, was burgled, been burgled, came in through the, got in through the
revoked: ancien code, l ancien code, old code, the old code, ancien mot de passe, old password
changed: ce qui n a jamais ete le cas, which was never the case, which it never did before
disowned: personne ici n a touche, personne n a touche, nobody touched, no one touched, nous n avons rien fait,
    we did nothing, we didn t do anything
recording: jours d images, days of images, jours de video, days of video
device video: petite camera, petites cameras, small camera, small cameras, little camera
device access-control: petit lecteur, petits lecteurs, petit boitier, petit boitier a badge, little reader, small reader,
    little box, small box
device intrusion-detection: petit detecteur, petits detecteurs, small detector, little detector
filler: son petit, sa petite, ses petits, ses petites, petit voyant, petite lumiere, petit bip, its little, its small
problem down: quoi qu on presente, whatever we present, whatever card we present, whatever badge we present
whole-site: generale des, generale du, generale de la, generalisee, generalise, general failure of
device intrusion-detection: panels, intrusion panels, alarm panels
filler: plusieurs choses, plusieurs points, quelques points, several things, a few things
forced: was smashed, were smashed, smashed in, smashed open, pry marks, crowbar marks, marques de pied de biche
device access-control: controleur de porte, controleurs de porte, controleur de portes, controleurs de portes,
    door controller, door controllers, lecteur de porte, lecteurs de porte, door reader, door readers
problem degraded: just snow, only snow, snow and lines, que de la neige, de la neige a l ecran
recording: recherche dans les archives, recherche dans l enregistreur, search in the archives, search in the recorder
admits: ne sont plus refuses, ne sont plus refusees, n est plus refuse, n est plus refusee, are no longer refused,
    is no longer refused, are no longer rejected, is no longer rejected
suspicious: que le service ne connait pas, que l on ne connait pas, that nobody here knows, that no one here knows
problem degraded: ne l a pas vu, ne l a pas vue, ne l a pas detecte, didn t pick it up, did not pick it up,
    n a plus sa lumiere, no longer lights up
problem down: no beep, pas de bip, aucun bip, ne bipe plus, ne bippe plus, doesn t beep, does not beep
nuisance display: vue personnalisee, vues personnalisees, vue perso, personal view, personal views, custom view,
    custom views, disparu de la liste, disparue de la liste, missing from the list, gone from the list
request: live view, acces a la relecture, access to playback
filler: refuse de s armer tant qu on ne l exclut pas, refuse de s armer tant qu il n est pas exclu,
    refuse de s armer tant qu elle n est pas exclue, refuse de s armer tant qu on ne l a pas exclu,
    won t arm until we exclude it, won t arm until it is excluded, won t arm unless we bypass it,
    will not arm until it is excluded
problem degraded: s exclut toute seule, s exclut tout seul, s exclut d elle meme, excludes itself
request: test de la sirene, test des sirenes, essai de la sirene, ne pas vous inquieter,
    remplir un questionnaire, fill in a questionnaire, fill out a questionnaire, que faut il prevoir,
    what should we plan, don t dispatch anyone, do not dispatch anyone, please don t dispatch, our alarm test,
    alarm test is scheduled, je cloture, je cloture de mon cote, je clos le ticket
past: pour les travaux, pour des travaux, a ete traite, a ete traitee, ont ete traites, has been dealt with,
    was dealt with, was handled, coupure prevue, coupure programmee, planned outage,
    scheduled outage, filme de nouveau, films again, records again
elsewhere: le voisin a eu, nos voisins ont eu, our neighbour had, the neighbours had
system intrusion-detection: alarme intrusion reliee, une alarme intrusion reliee
only-device: nous n avons que ces, n avons que ces, on n a que ces, we only have these, these are our only,
    ce sont nos seules, ce sont nos seuls
image: vue sur, view of, vue, view
problem down: impossible d acceder, impossible d y acceder, cannot access, can t access, unable to access,
    cannot view, can t view, couldn t view,
    impossible de rearmer, impossible de le rearmer, impossible d armer, cannot arm, can t arm
problem degraded: parfois pas du tout, sometimes not at all
unauthorized: without badging, without swiping, sans badger, sans passer de badge, sans passer leur badge
unlocked: free spin, in free spin, en roue libre
disowned: que nous n utilisons jamais, que nous n utilisons pas, que personne n utilise, we never use, that we never use,
    that nobody uses
intrusion: climbing over, climbed over, climbs over, escaladant, he s inside, she s inside, they re inside,
    quelqu un est passe par, quelqu un est entre par, someone came in through, someone got in through,
    par le soupirail, through the skylight, par la lucarne
nuisance display: souci de presentation, probleme de presentation, presentation issue, cosmetic issue, purement esthetique
filler: le ticket precedent, ticket precedent, pour le ticket, previous ticket, the previous ticket, mon ticket, notre ticket,
    votre ticket, our ticket, my ticket
revoked: anciens sous traitants, ancien sous traitant, former subcontractors, former contractors, former contractor,
    anciens prestataires, ancien prestataire
works any: toujours actif, toujours actifs, toujours active, toujours actives, still active
filler: since the controller reboot, since the reboot, depuis le redemarrage, depuis le reboot, since the restart
whole-site: ni dedans ni dehors, ni a l interieur ni a l exterieur, neither inside nor outside, inside or outside
nuisance display: du plus ancien au plus recent, du plus recent au plus ancien, les plus recents en haut,
    oldest first, newest first, newest at the top, pilote graphique, nouveau pilote graphique, graphics driver,
    display driver, luminosite, brightness, contraste, dans le desordre, dans le mauvais ordre, in the wrong order,
    est grise pour, greyed out for
nuisance configuration: unlock time, unlocking time, temps d ouverture, duree d ouverture, duree de deverrouillage,
    l heure est fausse, heure fausse, est fausse, wrong time, time is wrong
by-hand: walk down to open, go down to open, come down to open, descendre ouvrir, descend ouvrir,
    descendre pour ouvrir
elsewhere: commerce voisin, magasin voisin, chez le voisin, chez nos voisins, chez les voisins, neighbouring shop,
    shop next door, the neighbours, our neighbours
fine: a bien ete refuse, a bien ete refusee, ont bien ete refuses, was correctly refused, was refused as expected
request: declenchera volontairement, declencherons volontairement, will trigger it on purpose, vous pouvez ignorer,
    you can ignore, c est nous qui avons fait le test, we did the test, we ran the test, comment on fait, cmt on fait
past: etait prevu, etait prevue, was planned, prevue par l operateur, prevu par l operateur, planned by the provider
changed: ont ete crees, a ete cree, ont ete creees, were created, was created
disowned: personne n utilise ce compte, personne n utilise le compte, nobody uses this account, nobody uses that account,
    no one uses this account
unlocked: released at the same time, both doors released, both released at once, released simultaneously,
    liberees en meme temps, se liberent en meme temps, deverrouillees en meme temps, s ouvrent toutes les deux
problem degraded: decrochee de son support, decroche de son support, tombee de son support, tombe de son support,
    filme le sol, filme le plafond, films the floor, films the ceiling, pointe vers le sol, pointing at the floor,
    pointing at the ground, fell off its mount, came off its mount, off its bracket, filme le ciel,
    films the sky, filme plus l entree, s est decalee avec le vent, moved in the wind, turned by the wind
seen: apparait sur la camera, apparait sur les images, on camera we see, on camera we saw, on the camera we see,
    we can see on camera, on le voit sur la camera, visible sur la camera, visible on camera
intrusion: personne n aurait du etre la, personne ne devait etre la, nobody should have been there,
    no one should have been there, no one should be there, hooded, in hoods, ont ete chiffres, ete chiffres,
    have been encrypted, were encrypted, payez en bitcoin, pay in bitcoin
forced: traces de pied de biche, marques d effraction, forced entry
seen: found a person, found someone, found a man, trouve quelqu un, trouve une personne, trouve un homme
nuisance configuration: ecran de veille
request: quelles dates, which dates, what dates, a planifier
problem down: license expired, licence expired, license has expired, coupe l affichage,
    ne sont plus reconnues, ne sont plus reconnus, n est plus reconnue, n est plus reconnu, no longer recognised,
    no longer recognized, no longer detected
past: working again, is working again, are working again, all good now
revoked: n ont aucun droit, n a aucun droit, have no access rights, has no access rights, no access rights
past: revenue toute seule, revenu tout seul, revenues toutes seules, revenus tout seuls, came back by itself,
    came back on its own, came back on their own
request: test de la centrale, test de la centrale d alarme, test de l alarme, test of the alarm
nuisance display: journaux d evenements, journaux des evenements
elsewhere: le magasin d a cote, magasin d a cote, the shop next door, next door, neighbouring shop, neighboring store,
    in the press
nuisance configuration: perdu le mot de passe, lost the password, mot de passe perdu, a perdu le mot de passe,
    avons perdu le mot de passe, have lost the password, we lost the password,
    somebody changed it by mistake, someone changed it by mistake, quelqu un l a change par erreur
nuisance display: rapport d intrusion, intrusion report, rapport des intrusions, historique des evenements, pictogramme,
    pictogrammes, picto, pictos, fond de plan, cadre vide, background map
system intrusion-detection: intrusion software, logiciel intrusion, logiciel d intrusion, intrusion server,
    serveur intrusion, serveur d intrusion, systeme d alarme intrusion, systeme d alarme anti intrusion
request: thank you for, thanks for, merci pour, merci a votre, merci a vos, remercier, je remercie, nous remercions,
    merci de desactiver, pouvez vous desactiver, desactiver le badge, desactiver son badge, deactivate the badge
filler: ce genre d effraction, ce genre d intrusion, ce type d effraction, this kind of break in,
    this kind of intrusion, this type of intrusion
problem degraded: fell off, has fallen off, isn t supervised, is not supervised,
    not supervised anymore, no longer supervised, n est plus supervise, n est plus supervisee, plus supervisee
filler: en bas de l ecran, en haut de l ecran, at the bottom of the screen, at the top of the screen
fine: nothing strange, rien d anormal, rien de bizarre, nothing unusual, rien d inhabituel
device access-control: portes qui tournent, porte qui tourne, machin qui fait bip, truc qui fait bip,
    the thing that beeps, the thing you swipe your card on, barre du parking, la barre du parking
device intrusion-detection: petit oeil, little eye, the thing on the outside wall that screams, thing that screams,
    truc qui hurle, le truc qui hurle
system hypervisor: programme qui affiche toutes les alarmes, programme qui affiche les alarmes,
    the program that collects the alarms, program that collects the alarms, program that shows the alarms
problem down: bip plus et, bipe plus et, bip plus du tout, ne bip plus, ne bipe plus, ne tourne plus du tout
unlocked: reste en l air, restee en l air, stuck up in the air, stays up, s ouvrent maintenant ensemble,
    now open together, now open at the same time
unauthorized: sans aucun controle, without any check, without any control
admits: still letting, are still letting, still letting them, letting them into
revoked: qu on a effaces, qu on a effacees, codes effaces, deleted codes, codes we deleted
nuisance configuration: logs me out, me deconnecte, minutes d avance, minute d avance, minutes ahead, minutes fast
filler: installe, installee, installes, installees, installed
seen: se promener, se balader, walking around, wandering around
nuisance slow: met un temps fou, prend un temps fou, takes forever to open
problem down: hors d usage, est hors d usage, tourne en boucle, tourne en boucle sur, stuck on initialising,
    stuck on initializing, bloque sur initialisation
filler: dans les meilleurs delais, au plus vite, as soon as you can
unlocked: swings open, just swings open, swings open with a push, opens with a push
device access-control: door magnet, magnet, ventouse, ventouses
works lock: engage, engages
filler: open space, open-space, l open space, dans l open space
disowned: a notre insu, crees a notre insu, cree a notre insu, without our knowledge, personne ici ne les a crees,
    personne ne les a crees, nobody here created them
problem degraded: decroche toutes les, decroche regulierement, drops every, disconnects every
past: tout refonctionne, tout remarche, tout fonctionne a nouveau, everything works again, tout est rentre dans l ordre, tout est revenu a la normale, everything is back to normal
disowned: nobody in our team created, no one in our team created, personne dans l equipe n a cree,
    personne de l equipe n a cree
intrusion: diffusees sur un site, diffusee sur un site, diffuses sur un site, sur un site web public,
    on a public website, published on a website, published online
suspicious: personnes qui ne sont pas autorisees, personnes qui ne sont pas autorises, gens qui ne sont pas autorises,
    people who are not authorised, people who are not authorized, people who aren t authorised,
    people who aren t authorized
nuisance slow: is taking, are taking, take over an hour, takes over an hour, take over, prend presque, prend pres de,
    prend plus de, prend environ, met presque, met plus de, mettent plus de
past: tout est reparti, tout est bien reparti, everything is back, everything came back
nuisance slow: min pour s ouvrir, minutes pour s ouvrir, min to open, min for open, minutes to open, minutes to load,
    min to load, minutes pour charger, minutes a s ouvrir, minutes a charger
account: a user
only-device: only has one, only has a single, only have one single
revoked: terminated, terminated employee, terminated employees, terminated staff
suspicious: that nobody create, nobody create, qu on croyait supprime, qu on pensait supprime, qu on croyait desactive,
    we thought was deleted, we thought had been deleted, that we thought deleted
unlocked: the two doors in the same time, two doors in the same time, the two doors at the same time, opens the two doors
changed: ont ete passes en, a ete passe en, ont ete passes a, were switched to, were set to
disowned: aucun admin n a fait, aucun administrateur n a fait, no admin did it, no admin made
problem degraded: min after they trigger, minutes after they trigger, minutes apres le declenchement,
    min apres le declenchement
nuisance configuration: mes favoris, de mes favoris, my favourites, my favorites, renommee par erreur, renomme par erreur,
    renamed by mistake, fenetre de bienvenue, ecran de bienvenue, welcome window, marche partielle,
    mise en marche partielle, partial arming, partial-arming, en avance de, minutes of advance, minutes d avance,
    min d avance
nuisance display: mur d images a perdu sa disposition, a perdu sa disposition, perdu sa disposition, tri par date,
    le tri par, sorting by, sort by date, tiles overlap, se reorganisent, rearrange themselves, double clic,
    double click, double-click
nuisance slow: is very long, est tres long, est tres longue, minutes to generate, min to generate, minutes a generer,
    minutes pour generer
request: pls make, please make, read-only access, read only access, acces en lecture seule
intrusion: s est introduit, s est introduite, se sont introduits, se sont introduites, somebody broke, someone broke,
    a pris la main a distance, pris la main a distance, took remote control, processus suspect, suspicious process,
    envoie des donnees vers l exterieur, sending data outside
problem down: est a l arret, sont a l arret, totalement a l arret, completement a l arret, a l arret total,
    entierement a l arret, toutes a l arret, tous a l arret, toutes arretees, tous arretes
unlocked: stuck up, staying up, is staying up, stays up, reste levee, restee levee, bloquee en haut
anyone: enter without card, drive in without, cars are just driving in
revoked: mis en liste noire, en liste noire, blacklisted, non enroles, non enrolles, not enrolled, unenrolled
admits: il a servi, a servi ce matin
past: c est revenu, it s fixed, it is fixed
problem degraded: keeps dropping, every half hour, toutes les demi heures
works report: get any, gets any, getting any
door: portes badgees, porte badgee, badged doors
system video: tout le systeme video, tout le systeme de video, tout le systeme de videosurveillance,
    the whole video system, the entire video system, seveur video, serveur vido
whole-site: tout le syteme, the whole sytem
intrusion: ordinateurs voles, ordinateurs ont ete voles, materiel vole, computers stolen, computers were stolen,
    laptops stolen, laptops were stolen
disowned: n avons touche a rien, n avons rien touche, n a touche a rien, didn t touch anything,
    haven t touched anything, on a rien demande, on n a rien demande, nous n avons rien demande,
    we didn t ask for it, we did not ask for it, we never asked for it
problem down: never releases, doesn t release, does not release, won t release
problem degraded: reste allume en permanence, reste allumee en permanence, stays lit all the time, le mettre de cote,
    la mettre de cote, mis de cote
missing: is losing footage, are losing footage, losing footage, loses footage, losing recordings, loses recordings
filler: je prefere vous dire, je prefere vous le dire, je prefere vous prevenir, prefere vous signaler, i d rather tell you,
    i prefer to tell you, i prefer to let you know
request: test de l alarme intrusion, test de l alarme anti intrusion, test of the intrusion alarm, intrusion alarm test
past: sorted it, sorted it out, got it sorted, l a refaite, l a refait, l a reparee, l a repare
elsewhere: our neighbour, our neighbor, the neighbour, the neighbor, le voisin du, la voisine
recurrent: recovers on its own, it recovers, recovers by itself, se reconnecte, se reconnectent, reconnects,
    reconnects by itself, reconnects on its own, se reconnecte tout seul, se reconnecte toute seule,
    every night around, for roughly ten minutes, for about ten minutes, pendant une dizaine de minutes
intermittent: coupures intermittentes, intermittent drops
site-is-part: ne comporte qu un immeuble, ne comporte qu un batiment, qu un immeuble, un seul immeuble,
    only have this one building, this one building, notre unique batiment, notre seul batiment, our only building,
    our one building
only-device: our only, notre unique
partial: the other two, the other three, the other four, the other five, the other six, the other seven,
    the other eight, les deux autres, les trois autres, les quatre autres, les six autres, les sept autres,
    les huit autres
problem down: marche pu, marchent pu, fonctionne pu, fonctionnent pu, plus dispo,
    plus disponible, plus disponibles, packed up, has packed up, gone kaput, went dark, gone dark,
    dead as a doornail, personne ne rentre, personne rentre
elsewhere: d a cote, juste a cote
problem degraded: on the blink, playing up, acting up
intrusion: cambrioler, fait cambrioler, burgled, got burgled
system video: security video, security video s
system intrusion-detection: intruder panel, the intruder panel
whole-site: the complete
admits: still swiping, swiping into, swiping in, but it still does, but they still do
anyone: carte de fidelite, loyalty card, carte bancaire, bank card, credit card, hotel key card
filler: quelqu un a l interieur pour ouvrir, quelqu un pour ouvrir, someone to open, someone inside to open,
    qqn avec un badge pour ouvrir
hypothesis: pensait avoir, croyait avoir, pensions avoir, croyions avoir, thought he saw, thought she saw,
    thought they saw, thought someone had, thought someone, croit qu il y a, croit a chaque fois
intrusion: had broken in, has broken in
elsewhere: pour une autre affaire, for another matter, for something else
revoked: a perdu son badge, a perdu sa carte, lost his badge, lost her badge, lost their badge, on l a desactive
anyone: qui n a pas de badge, qui n avait pas de badge, who has no badge, who had no badge
filler: quelqu un avec un badge pour ouvrir, quelqu un avec une carte pour ouvrir
disowned: on a personne en, on n a personne en, nous n avons personne en, we have nobody in, we have no one in,
    we don t have anyone in
filler: on n a personne en interne, on a personne en interne, nous n avons personne en interne, we have nobody in house,
    we have no one in house
disowned: on ne lui a rien demande, on ne leur a rien demande, nobody asked him, we never asked him
problem down: connexion en cours, reste sur connexion en cours, stuck on connecting, muette, muet
problem degraded: voilee, voilees, image voilee
missing: s arretent chaque nuit, s arrete chaque nuit, stops every night, stop every night
only-device: i only have one, i have only one, j ai une seule, je n ai qu une
door: emergency exit, emergency exits, fire exits, fire door, fire doors, exit door, exit doors, sortie de secours,
    sorties de secours
system video: systeme de video, le systeme de video, systeme de videosurveillance, le systeme de videosurveillance
unauthorized: n arrive pas a desactiver, n arrivons pas a desactiver, arrive pas a desactiver, impossible de desactiver,
    can t deactivate, cannot deactivate, unable to deactivate, couldn t deactivate, can t disable the badge,
    cannot disable the badge
unauthorized: personnes qui n ont pas de badge, gens qui n ont pas de badge, people who don t have a badge,
    people who have no badge, qui n ont pas de badge
unlocked: il suffit de tirer, suffit de tirer, il suffit de pousser, suffit de pousser, s ouvrent maintenant en meme temps,
    now open at the same time, found them open, found it open, found the door open, found the doors open
revoked: anciens eleves, ancien eleve, eleves de l an dernier, former students, former pupils, last year s students,
    last year s pupils
intrusion: your files are locked, files are locked, to get them back, get your files back, recuperer vos fichiers,
    vos fichiers sont bloques, vos fichiers ont ete bloques
disowned: personne ne le connait, personne ne la connait, personne ne les connait, nobody knows him, nobody knows her,
    nobody knows this user, no one knows this user
system video: surveillance video, la surveillance video, surveillance par video
unauthorized: without paying, sans payer, sans passer en caisse
anyone: any car, any vehicle, n importe quelle voiture, n importe quel vehicule
enters: can drive into, can drive in, drives straight in, peut rentrer en voiture, peuvent rentrer en voiture
forced: smashed the, smashed in, smashed open, kicked open
disowned: ce n est ni moi, ni moi ni le directeur, it was not me, it wasn t me, wasn t me, not me or my boss,
    a user we don t know, user we don t know, un utilisateur qu on ne connait pas
changed: a donne aux, gave all, granted access, gave access, a donne l acces, a donne acces
whole-site: le magasin entier, magasin entier, the whole shop, the entire shop, the whole store, the entire store,
    le batiment entier, l entrepot entier
nothing: reste sans alarme, rester sans alarme, restera sans alarme, est sans alarme, sont sans alarme, is without alarm, left without alarm
disowned: ne les a crees, ne les a pas crees, nobody created them, no one created them
intrusion: window broken, side window broken, broken window, window was broken, windows broken, fenetre cassee,
    fenetre brisee, vitre cassee, cables coupes, cables sectionnes, cables were cut, cables have been cut,
    badge clone, badges clones, cloned badge, cloned badges, cloned card, carte clonee, badge duplique
forced: gache arrachee, gache forcee, strike ripped off
unlocked: interverrouillage hors service, interverrouillage en panne, interverrouillage ne fonctionne plus,
    interlock out of service, interlock is out of service, interlock failed, interlock not working,
    interlock is not working
nuisance display: upside down, is upside down, la tete en bas, rotated 180, retournee, playback bar,
    previsualisation, preview thumbnails, preview tiles, juste esthetique, c est juste esthetique
problem degraded: rien d exploitable, inexploitable, nothing usable, toute verte, toutes vertes, all green
nuisance configuration: logs us out, logs me out, logs the guards out, deconnecte l operateur, deconnecte les operateurs,
    d inactivite, of inactivity, certificate warning, avertissement de certificat, favourite views, favorite views,
    vues favorites, mes vues favorites, n est plus a jour
nuisance slow: met une eternite, prend une eternite, takes an eternity, take very long, takes very long,
    prend tres longtemps, prennent tres longtemps
problem degraded: link lost, lien perdu, liaison perdue, perte de liaison
missing: don t save anything, doesn t save anything, do not save anything, does not save anything, not saving anything,
    nothing is saved, rien n est sauvegarde, n enregistre rien, n enregistrent rien
intrusion: someone on the roof, somebody on the roof, quelqu un sur le toit, skylight is broken, skylight broken,
    lucarne cassee, lucarne brisee, police called, called the police, police appelee, appele la police
system video: recording pc, the recording pc, recording computer, pc d enregistrement, le pc d enregistrement
problem down: ne filment plus, filment plus, ne filment rien, don t film anything, doesn t film anything
nothing: sans aucune surveillance, sans surveillance, without any surveillance, without surveillance
revoked: a demissionne, qui a demissionne, resigned, who resigned, rendu inactif, rendue inactive, rendus inactifs,
    made inactive, set inactive, son ancien badge, her old badge, his old badge
intrusion: programme inconnu, un programme inconnu, unknown program, an unknown program, logiciel inconnu,
    unknown software, cle usb inconnue, unknown usb stick
enters: est entree, est entree ce matin, sont entrees
request: facture, factures, votre mail
problem degraded: smeared, completely smeared, crack across the dome, cracked dome, dome fissure, dome fele
problem down: no longer lifts, won t lift, doesn t lift, does not lift, ne se leve plus, ne se levent plus
missing: a ete ecrase, a ete ecrasee, ont ete ecrases, ont ete ecrasees, was overwritten, were overwritten,
    been overwritten
disowned: that we do not know, that we don t know, qu on ne connait pas, nobody in our team did it,
    nobody in our team did that, personne de notre equipe ne l a fait
changed: were given access, was given access, ont recu l acces, ont obtenu l acces
intrusion: clonage de badge, clonage de badges, badge cloning, cloning of badges
works report: appear, appears
nothing: nothing arrived, nothing came in
unauthorized: not even in the system, pas meme dans le systeme, meme pas dans le systeme, let himself in,
    let herself in, let themselves in
unlocked: ventouses sont relachees, ventouses relachees, les ventouses sont relachees, maglocks released,
    maglocks are released, s ouvrent a la main
works report: getting
admits: a servi a desarmer, a servi a ouvrir, was used to disarm, was used to open, been used to disarm
intrusion: cut through the, cut through, grillage cisaille, cisaille le grillage, grillage decoupe, cloture coupee
problem degraded: we only see the back of, only see the back of, on ne voit que l arriere, blocks the view, bloque la vue,
    cache la vue, hides the view
problem degraded: after they happen, minutes after they happen, min after they happen, minutes apres les faits
intrusion: got hold of the admin password, got hold of the password, a recupere le mot de passe admin,
    gave himself access, gave herself access, gave his own card access, s est donne acces, s est donne les droits
problem down: the same picture, same picture from, showing the same picture, clock isn t moving, clock is not moving,
    n a emis aucun son, n emet aucun son, n emet plus aucun son, made no sound, didn t make a sound, no sound came out,
    meme les autorises, meme les badges autorises, even authorised ones, even the authorised ones, even valid ones
works show: come up as, comes up as, came up as
works report: alarms pop up, alarm pops up, alarms popping up, alerts pop up
filler: nobody knows which, nobody knows how, nobody knows where, no one knows which, no one knows how,
    personne ne sait a quoi, personne ne sait comment, personne ne sait ou, personne ne sait ici,
    personne ne sait le faire
nuisance configuration: nous deconnecte apres, nous deconnecte au bout, screensaver, mise en veille,
    son de notification, son d alerte, notification sound, alert sound, strident, one hour behind, an hour behind,
    one hour ahead, an hour ahead, se remet a, se remet toujours a, resets to, contrat de maintenance expire,
    maintenance contract expires
nuisance display: on ne lit pas la fin, we can t read the end, s ouvre toujours sur l autre ecran,
    s ouvre sur l autre ecran, opens on the other screen, opens on the wrong screen
nuisance slow: met longtemps a se charger, met longtemps a charger, takes long to load, slow to load, long a charger
filler: ne lit pas bien le francais, doesn t read french
nothing: nothing pops up, nothing has popped up, nothing popped up
whole-site: complete system, the complete system, complete cctv system, the complete cctv system, le systeme complet,
    systeme complet, tous les etages, all floors, every floor, all the floors
forced: en tirant fort, tirant fort sur la porte, pulling hard on the door, la serrure n a pas tenu,
    la serrure electrique n a pas tenu, the lock did not hold, the lock didn t hold
problem degraded: fois pour que ca ouvre, fois pour que ca s ouvre, fois avant que ca ouvre, times before it opens,
    times for it to open
intrusion: fuite de donnees, site de fuite, data leak, leak site, made a copy of it, made a copy of the card,
    made a copy of the badge, copied card, copied badge, copie de son badge, copie du badge, copie de la carte
disowned: c est pas moi, ce n est pas moi, it s not me, office was closed, the office was closed
changed: enrolled, were enrolled, enrole, enroles
interface: serveur de gestion, management server
problem degraded: stays locked, stay locked, remains locked, locked on both sides, stays closed, stay closed,
    remains closed
problem down: ne fait plus aucun bruit, ne fait plus de bruit, makes no sound, no longer makes a sound, doesn t blink anymore,
    doesn t blink any more, no longer blinks, ne clignote plus
device access-control: request button, exit button, bouton de sortie, bouton poussoir, push button
problem degraded: n a garde que, n a conserve que, only kept
problem degraded: penchee, penche, crooked, tilted, granuleuse, granuleuses, grainy
revoked: qui ont fini leur mission, ont fini leur mission, fini leur mission, whose assignment ended,
    whose contract ended, finished their assignment
unlocked: free position, in free position, without show badge, without showing badge, without showing their badge,
    without showing a badge, sans presenter de badge, sans presenter leur badge, les deux portes a la fois,
    ne fait plus l interverrouillage, ne fait plus le sas
intrusion: a casse la vitre, ont casse la vitre, casse la vitre, broke the glass, broke the window,
    smashed the window, found the back door forced, found the door forced, door was forced
device intrusion-detection: intrusion keypad, clavier intrusion, clavier de l intrusion
only-device: only has the one, only have the one, c est la seule qu on a, c est le seul qu on a,
    c est la seule que nous avons, c est le seul que nous avons, the only one we have
revoked: ancien gardien, ancienne gardienne, ancien concierge, ancien vigile, former guard, former caretaker, ex gardien,
    n y ont pas droit, n y ont normalement pas droit, qui n y ont pas droit, n y ont aucun droit, n ont aucun droit
disowned: we don t have weekend staff, no weekend staff, nobody works on weekends, personne ne travaille le week end
intrusion: pay to restore, pay to recover, payer pour restaurer, payer pour recuperer, recordings have been locked,
    enregistrements ont ete verrouilles
device access-control: door release button, release button, bouton de deverrouillage, bouton d ouverture
unauthorized: carte de l hotel, carte magnetique de l hotel
problem down: n est plus en service, ne sont plus en service, n etait plus en service
fine: bien refusee, est bien refusee, bien refuse, est bien refuse, is correctly refused
unauthorized: quand on tape 0000, en tapant 0000, avec le code 0000, typing 0000, with 0000, code 1234 ouvre
intrusion: bouger toute seule, bouger tout seul, bougeait toute seule, bougeait tout seul, moving on its own,
    moved on its own, moved by itself, des fenetres s ouvraient, windows opening by themselves, inside the closed,
    dans l entrepot ferme, dans le magasin ferme
admits: a servi a 2h, a servi cette nuit, a servi la nuit, was used at night, was used last night, was used at 2
anyone: blank card, blank white card, carte vierge, badge vierge, carte blanche
unlocked: peuvent s ouvrir en meme temps, s ouvrent maintenant ensemble, s ouvrent ensemble, opens both doors together,
    both doors together, both doors open together
revoked: old caretaker, old guard, normalement valable une seule journee, normalement valable une journee,
    valid for one day,
    only valid for the day, he left in, she left in, il est parti en, elle est partie en
seen: inside the storage, inside the building, inside the warehouse, inside the shop, inside the store,
    inside the office
forced: office door forced, back door forced, front door forced, side door forced, rear door forced
revoked: licenciement, a desactive son badge, a desactive sa carte, on a desactive son badge, desactive son badge,
    turned his fob off, turned her fob off, turned his badge off, turned her badge off
enters: entering, him entering, her entering
site-is-part: is just one building, just one building, is one building, un seul hangar, qu un seul local, un seul local
partial: all the rest
intrusion: lisezmoi, fichier lisezmoi, to decrypt, decrypt, dechiffrer, pour dechiffrer, extension locked
anyone: badge ou pas badge, badge or no badge, avec ou sans badge, with or without a badge
unlocked: s ouvre des qu on tire, s ouvre quand on tire, opens when you pull, opens if you pull
door: porte du public, entree du public, public door, public entrance
alarm: intrusion ones, the intrusion ones, celles de l intrusion, celles d intrusion, ceux de l intrusion
nuisance display: dropdown, drop down, liste deroulante, pas pratique pour lire, est ecrit, mal ecrit
nuisance slow: took over an hour, took over, a pris plus d une heure, takes about, take about, take long time,
    takes long time, take a long time to load
nuisance configuration: tempo d ouverture, tempo de la porte, temporisation d ouverture
disowned: on ne sait qui, par on ne sait qui, qu on n a jamais emis, que nous n avons jamais emis, qui a fait ca,
    who did this
device intrusion-detection: sounder, sounders, internal sounder, external sounder
missing: playback has nothing, playback shows nothing, la relecture ne montre rien, rien en relecture
problem degraded: out of focus, completely out of focus, plates are unreadable, plaques illisibles
changed: the change was made, change was made, was made from the account
credential: carte sans contact, cartes sans contact, contactless card, contactless cards, badge sans contact
unauthorized: drive in without any check, drive in without any control
seen: a ete trouve, ont ete trouves, a ete trouvee, was found, were found, a ete surpris, was caught
unlocked: flapped open, are flapped open, flaps open, walk straight to
unlocked: alors que l exterieure est encore ouverte, alors que l autre est encore ouverte, while the other is still open,
    while the outer one is still open
filler: my english, my bad english, for my english, mon anglais, mon mauvais anglais, pour mon anglais
filler: you fixed, you repaired, you had fixed, vous avez repare, vous aviez repare, que vous avez repare,
    que vous aviez repare, que le technicien a repare
revoked: qu on les a desactive, on les a desactive, alors qu on les a desactive, we deactivated them,
    although we deactivated them
filler: ouvrier, ancien ouvrier
unlocked: reste deverrouille, restent deverrouille, deverrouille jour et nuit, deverrouille en permanence,
    is left unlocked, stays unlocked, stay unlocked, remains unlocked
quantity all: the both, both are, les deux sont
disowned: sans qu on sache qui, sans savoir qui, without knowing who, nobody knows who, no one knows who
suspicious: aucun utilisateur de ce nom, aucun compte de ce nom, pas d utilisateur de ce nom, no user by that name,
    no user with that name, no such user, no account by that name
intrusion: ont ete copies, ont ete clones, badges copies, badge copie, have been cloned, were cloned, have been copied,
    were copied
nuisance slow: mettent
filler: quoi lui repondre, quoi leur repondre, quoi repondre, what to answer, what to reply, what to tell him,
    what to tell her
filler: haven t been used, hasn t been used, have not been used, has not been used, n ont pas ete utilises,
    n a pas ete utilise, pas ete utilises depuis
nuisance configuration: raccourcis clavier, raccourci clavier, keyboard shortcut, keyboard shortcuts, heure d hiver,
    heure d ete, winter time, summer time, defaut horloge, remise a l heure, remis a l heure
nuisance display: quand on change de page, when switching pages, quand on change de vue, en changeant de vue,
    when i switch views, c est juste moche, just ugly, une fraction de seconde, a split second, quand je zoome,
    quand on zoome, when i zoom, when zooming, en zoomant, fond de plan, la frise
past: is solved, issue is solved, problem is solved, est resolu
filler: passer d une camera a l autre, pour passer d une camera a l autre, switch from one camera to another,
    switch from one camera to the next
nuisance display: both entries, two entries, the two entries
nuisance configuration: alarm delay, be raised from, raised from, be lowered from, relever de, passer de 30
filler: in total, en tout, au total, en tout et pour tout
negation plus: plus du tout
image: visuel
quantity all: 100 des, 100 pour cent des, cent pour cent des
filler: est en conges jusqu au, en conges jusqu au, on leave until, on holiday until
nuisance display: bouton de deconnexion, logout button, log out button, changed the background, changed the wallpaper,
    fond d ecran, se redimensionne, resizes itself
nuisance slow: take like, takes like, took like, secondes a charger, seconds to load
nuisance configuration: forgetting my saved view, keeps forgetting my, oublie ma vue
works show: donne d image, donne une image, donne aucune image
problem degraded: ne tourne plus, ne pivote plus, no longer rotates, doesn t rotate anymore
nuisance display: mode paysage, mode portrait, landscape mode, portrait mode
problem down: only static, shows only static, just static, static only, nuage barre, la meme personne assise, montre la meme image, shows the same image, se figent,
    n a d image de nulle part, n a d images de nulle part, n a d image nulle part, n a d images nulle part
problem degraded: fogged up, is fogged, badger 3 fois, badger trois fois, badger plusieurs fois,
    fois pour qu il se debloque, fois pour qu il s ouvre, fois pour qu elle s ouvre, times before it unlocks
suspicious: soi disant, so called, pretendu, faux technicien, fake technician
missing: hadn t recorded anything, hasn t recorded anything, had not recorded anything, n a rien enregistre,
    n avait rien enregistre, only keeps, ne conserve plus que
filler: network change, the network change, changement reseau, changement de reseau, le changement de reseau
filler: expire tout seul, expires automatically, expire automatiquement, expires on its own
nuisance display: deux entrees, les deux entrees, carte du site, la carte du site, site map, the site map
filler: qu il passe plus nulle part, qu il ne passe plus nulle part, il ne passe plus nulle part, it no longer opens anything
filler: pour changer de vue, to switch views, to change views, pour changer de camera, on s y perd, s y perd
nuisance configuration: push notifications, notifications push, only vibration, softer chime, siren noise, son different,
    un son different, a different sound
suspicious: personne exterieure, une personne exterieure, outsider, an outsider, someone from outside
intrusion: s est fait pirater, se sont fait pirater, got hacked, has been hacked
missing: empty timeline, have nothing between, has nothing between, timeline vide, frise vide
system video: video management server, video management system, the video management server
nuisance display: ont perdu leurs titres, perdu leurs titres, lost their titles, lost their names,
    compteurs, coin vide, ne se centre plus, no longer centres, no longer centers
nuisance configuration: beep disabled, the beep disabled, disable the beep, desactiver le bip, bip desactive
fine: passent du premier coup, passe du premier coup, at the first try, on the first try
filler: nothing else to report, rien d autre a signaler, rien d autre a declarer, voit plus que, ne voit plus que,
    only see, reviendrait tout seul, reviendra tout seul, revenir tout seul, come back on its own,
    would come back by itself, intrusion ras, intrusion rien a signaler, probleme de memoire, un probleme de memoire,
    memory problem
nuisance slow: se fige quelques secondes, fige quelques secondes, freezes for a few seconds, freezes a few seconds
problem down: powered off, been powered off, has been powered off, working without it, travaillent sans,
    aucun peripherique, no device found, entierement noir, completely black
intrusion: passer par dessus la cloture, passe par dessus la cloture, par dessus la cloture, par dessus le grillage,
    over the fence, climbed over the fence, climbing over the fence
system intrusion-detection: protection intrusion, la protection intrusion
works report: arriving, arrived
nuisance display: n affiche plus les miniatures, affiche plus les miniatures, message de bienvenue, welcome message,
    bonne annee, happy new year
nuisance configuration: event report, weekly event report, rapport d evenements, rapport hebdomadaire
past: c est regle, c est regle merci, that part is solved, is sorted
filler: nobody here knows how, personne ici ne sait comment
unlocked: releases when you push, release when you push, locks do nothing, s ouvre quand on pousse,
    s ouvrent quand on pousse, even without a card, even without a badge,
    des qu on s approche
revoked: old card, his old card, her old card, son ancienne carte, son ancien badge, ancienne boite,
    l ancienne boite, ancien prestataire, old company, previous contractor, were cancelled, was cancelled
disowned: personne n etait sur place, nobody was on site, no one was on site, personne n etait present
problem down: has been off, have been off, been off since, n ont plus acces a rien, plus acces a rien,
    no access to anything
nuisance configuration: bientot expiree, licence bientot expiree, expire bientot, expires soon, will expire soon
missing: relecture impossible, playback impossible, impossible de relire, can t play back, cannot play back
works report: arrivait, arrivaient, arrivera
request: letting you know so you don t panic, so you don t panic
suspicious: nobody in our it created
device intrusion-detection: bouton d alerte, bouton d urgence
problem down: ne declenche plus rien, declenche plus rien, no longer triggers anything, doesn t trigger anything
missing: and restarts at, and resumes at, et reprend a, et redemarre a, puis reprend a
filler: nobody here speaks, personne ici ne parle, desactive son compte, deactivated his account,
    deactivated her account
nuisance display: info bulles, infobulles, les info bulles, la meteo, the weather
nuisance configuration: nous deconnecte, logs us out, keeps logging us out, ne sonne plus quand on badge, no longer beeps,
    doesn t beep anymore, le bip ne sonne plus
problem down: ne se reconnecte plus, ne se reconnectent plus, won t reconnect, doesn t reconnect anymore,
    plus signe de vie, donne plus signe de vie, no sign of life, won t open, wont open, will not open
problem degraded: keep freezing, keeps freezing, kept freezing, on the fritz, foggy, so dirty, can t make out,
    eblouie, toute blanche, turned to the sky, filme maintenant le plafond, only shows the ceiling,
    un badge sur trois, faut s y reprendre
problem down: ne se deverrouille pas, ne se deverrouillent pas, won t raise, won t lift, ne se leve plus,
    doesn t scan, ne scanne plus, ecran gris, un ecran gris, figer, ne prend plus, ne se met plus en service
missing: a perdu les images, perdu les images, hole in the footage, a hole in, lost its cameras, isn t there,
    et reprennent a
intrusion: a ete visite, a ete visitee, ont ete visites, ont ete visitees, s est fait visiter, se sont fait visiter
disowned: nobody uses, no one uses, that nobody uses, personne n utilise, not one of us, none of us, pas un des notres,
    aucun de nous, sans aucune demande de notre part, sans demande de notre part, without any request from us,
    nobody asked for, personne n a demande, nobody requested
works any: sont de nouveau valides, est de nouveau valide, sont encore valides, est encore valide, sont toujours valides,
    est toujours valide, redevenus valides, redevenu valide, are valid again, is valid again, are still valid,
    is still valid, valid again
intrusion: cloture coupee, cloture a ete coupee, clotures coupees, grillage coupe, grillage a ete coupe, grillage decoupe,
    grillage a ete decoupe, fence was cut, fence has been cut, fence cut, cut the fence, cut through the fence
filler: rien de vole, rien n a ete vole, rien vole, nothing stolen, nothing was stolen, nothing missing, nothing is missing,
    rien ne manque, rien n a disparu, nothing taken, nothing was taken
past: was a false alarm, it was a false alarm, was just a false alarm, c etait une fausse alarme, c etait une fausse alerte,
    etait une fausse alarme, etait une fausse alerte, s est revelee etre une fausse alarme, turned out to be a false alarm
device intrusion-detection: detecteur de bris de glace, detecteurs de bris de glace, detecteur bris de glace,
    capteur de bris de glace, glassbreak detector
intrusion: connexions bizarres, connexion bizarre, connexions etranges, connexion etrange, connexions inhabituelles,
    connexion inhabituelle, connexions louches, connexions anormales, strange logins, weird logins, unusual logins,
    odd logins, strange connections, weird connections, unusual connections, abnormal logins
filler: activite, activites, activity
filler: rien change, n a rien change, ca n a rien change, ca ne change rien, no change, nothing changed, no difference,
    didn t change anything, didn t help, did not help, sans effet, no effect, sans resultat, n a rien donne,
    rien n y fait, still the same, toujours pareil, pareil
works any: se fait, se font, se faisait, se faisaient, is done, is being done
filler: your quick answer, your answer, quick answer, fast answer, your reply, quick reply, your quick reply,
    your response, quick response, votre reponse, votre reponse rapide, reponse rapide, votre retour rapide
filler: desole pour les fautes, pardon pour les fautes, excusez les fautes, excusez moi pour les fautes, sorry for the typos,
    sorry for typos, sorry for my typos, excuse the typos, excuse my typos, desole pour l orthographe,
    veut un rapport, veut un compte rendu, demande un rapport, attend un rapport, wants a report, want a report,
    needs a report, asks for a report, no one was hurt, nobody was hurt, nobody hurt, no one hurt, personne n est blesse,
    pas de blesse, aucun blesse, big event, special event, private event, gros evenement, evenement special
nuisance display: sont toutes melangees, sont tous melanges, toutes melangees, tous melanges, all jumbled, are jumbled,
    jumbled up, mixed up, moved around, pas dans le bon ordre
filler: came, on ne sait pas comment, ne sait pas comment, sans savoir comment, don t know how, do not know how,
    no idea how, nobody knows how
filler: pris une photo, pris des photos, pris en photo, une photo en piece jointe, photo en piece jointe, photos en piece jointe,
    photo ci jointe, photos ci jointes, ci joint une photo, ci joint la photo, ci joint des photos, je vous envoie une photo,
    je joins une photo, voir photo, voir la photo, voir photo jointe, took a picture, took a photo, took pictures,
    took photos, attached photo, attached photos, photo attached, photos attached, see the attached photo,
    see attached photo, see the photo, sending a photo, i attach a photo,
    petite agence, petit magasin, petite entreprise, petite structure, petit bureau, petit site, petite boutique,
    small office, small shop, small company, small site, small business, small store
filler: deja ete signale, deja signale, deja ete signalee, already reported, was already reported, signale la semaine derniere,
    reported last week
filler: called you, called your, called the hotline, called your hotline, called support, called the support,
    vous a appele, vous ai appele, vous avons appele, a appele le support, appele la hotline, appele votre hotline
device video: cames
filler: rien n a bouge depuis, nothing has changed since
works read: checked the video, checked the footage, checked the cameras, checked the recordings, looked at the footage,
    looked at the video, verifie la video, verifie les images, verifie les enregistrements, regarde les images,
    regarde la video, visionne les images
filler: rien de grave, nothing serious, pas grave
problem degraded: brouille, image brouillee, images brouillees, scrambled image, scrambled picture
filler: ouvert au public, ouverte au public, ouverts au public, open to the public, open to customers, ouvert a la clientele,
    ouvert aux clients, ouvert aux visiteurs, open to visitors
";

/// Words that name the whole site when "the cameras" are said to be "of" them ("toutes
/// les caméras *du magasin*"), unless a letter or number makes them one part of it
/// ("du bâtiment D").
pub const SITE_WORDS: &[&str] = &[
    "site",
    "magasin",
    "entrepot",
    "depot",
    "usine",
    "campus",
    "siege",
    "agence",
    "branch",
    "cooperative",
    "store",
    "shop",
    "warehouse",
    "plant",
    "factory",
    "premises",
    "college",
    "lycee",
    "ecole",
    "hopital",
    "hotel",
    "musee",
    "galerie",
    "museum",
    "mairie",
    "residence",
    "gare",
    "clinique",
    "boutique",
    "supermarche",
    "mall",
    "stade",
    "stadium",
    "showroom",
    "concession",
    "bijouterie",
    "jewellers",
    "jeweller",
    "jewelry",
    "pharmacie",
    "pharmacy",
    "restaurant",
    "centre",
    "banque",
    "bank",
    "care",
    "home",
    "ehpad",
    "clubhouse",
    "church",
    "eglise",
    "school",
    "maison",
    "superette",
    "epicerie",
    "camping",
    "creche",
    "cabinet",
    "creche",
    "exploitation",
    "ferme",
    "farm",
    "universite",
    "university",
    "etablissement",
];

/// Buildings: the whole site when named alone ("du bâtiment"), one part of it when named
/// ("du bâtiment administratif", "building D").
pub const BUILDING_WORDS: &[&str] = &["batiment", "building", "immeuble", "aile", "wing", "tour", "pavillon", "block"];

/// Spellings a client types for a word of the lexicon: SMS abbreviations, short words
/// misspelt, English contractions. Each folded word on the left is read as the words on
/// the right before the lexicon is looked up.
pub const SPELLINGS: &[(&str, &str)] = &[
    ("cams", "cameras"),
    ("bat", "batiment"),
    ("bats", "batiments"),
    ("0", "zero"),
    ("kam", "camera"),
    ("kams", "cameras"),
    ("camra", "camera"),
    ("camras", "cameras"),
    ("caam", "camera"),
    ("cameraz", "cameras"),
    ("videosurv", "videosurveillance"),
    ("vidsurv", "videosurveillance"),
    ("vid", "video"),
    ("enreg", "enregistrement"),
    ("enregs", "enregistrements"),
    ("enr", "enregistrement"),
    ("rec", "recording"),
    ("recs", "recordings"),
    ("cdc", "controle d acces"),
    ("ctrl", "controle"),
    ("ctl", "controle"),
    ("cda", "controle d acces"),
    ("acc", "acces"),
    ("badje", "badge"),
    ("badjes", "badges"),
    ("bdg", "badge"),
    ("bdge", "badge"),
    ("badg", "badge"),
    ("hyperv", "hyperviseur"),
    ("hypervi", "hyperviseur"),
    ("hv", "hyperviseur"),
    ("alrm", "alarme"),
    ("alarmes", "alarmes"),
    ("alrms", "alarmes"),
    ("alm", "alarme"),
    ("det", "detecteur"),
    ("dect", "detecteur"),
    ("param", "parametrage"),
    ("params", "parametres"),
    ("conf", "configuration"),
    ("pbm", "probleme"),
    ("prob", "probleme"),
    ("probs", "problemes"),
    ("pbs", "problemes"),
    ("pr", "pour"),
    ("ds", "dans"),
    ("ya", "il y a"),
    ("y a", "il y a"),
    ("ny", "n y"),
    ("jsp", "je ne sais pas"),
    ("qd", "quand"),
    ("qq", "quelques"),
    ("qques", "quelques"),
    ("qlq", "quelques"),
    ("plsr", "plusieurs"),
    ("plusieur", "plusieurs"),
    ("tte", "toute"),
    ("ts", "tous"),
    ("tjs", "toujours"),
    ("tjrs", "toujours"),
    ("tjr", "toujours"),
    ("svp", "s il vous plait"),
    ("stp", "s il te plait"),
    ("mrc", "merci"),
    ("dsl", "desole"),
    ("bjr", "bonjour"),
    ("ki", "qui"),
    ("auj", "aujourd hui"),
    ("ajd", "aujourd hui"),
    ("rdc", "rdc"),
    ("pk", "pourquoi"),
    ("pq", "pourquoi"),
    ("mm", "meme"),
    ("ms", "mais"),
    ("koi", "quoi"),
    ("kan", "quand"),
    ("marche", "marche"),
    ("fonctionnne", "fonctionne"),
    ("fonctione", "fonctionne"),
    ("fonctionent", "fonctionnent"),
    ("fontionne", "fonctionne"),
    ("fonctionne", "fonctionne"),
    ("foncionne", "fonctionne"),
    ("focntionne", "fonctionne"),
    ("marhce", "marche"),
    ("pa", "pas"),
    ("pas", "pas"),
    ("plu", "plus"),
    ("+", "plus"),
    ("ecrans", "ecrans"),
    ("ecr", "ecran"),
    ("acceuil", "accueil"),
    ("entre", "entre"),
    ("prte", "porte"),
    ("prtes", "portes"),
    ("port", "porte"),
    ("hs", "hs"),
    ("h s", "hs"),
    ("out", "out"),
    ("ok", "ok"),
    ("k", "ok"),
    ("nvr", "nvr"),
    ("pc", "pc"),
    ("cam", "camera"),
    ("doesnt", "doesn t"),
    ("isnt", "isn t"),
    ("cant", "can t"),
    ("wont", "won t"),
    ("didnt", "didn t"),
    ("arent", "aren t"),
    ("wasnt", "wasn t"),
    ("werent", "weren t"),
    ("u", "you"),
    ("r", "are"),
    ("pls", "please"),
    ("plz", "please"),
    ("asap", "as soon as possible"),
    ("bldg", "building"),
    ("cam s", "cameras"),
    ("acess", "access"),
    ("nimporte", "n importe"),
    ("nimport", "n importe"),
    ("tt", "tout"),
    ("qqun", "quelqu un"),
    ("qqn", "quelqu un"),
    ("quelquun", "quelqu un"),
    ("acces", "acces"),
    ("accss", "access"),
    ("recordng", "recording"),
    ("recrding", "recording"),
    ("dor", "door"),
    ("dors", "doors"),
    ("dorr", "door"),
    ("gat", "gate"),
    ("readr", "reader"),
    ("alarme", "alarme"),
];

/// Numbers written in words, which count devices as digits do: "les vingt caméras" are
/// all of them, "deux de nos vingt caméras" two.
pub const NUMBER_WORDS: &[&str] = &[
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "quinze",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "cent",
    "two",
    "three",
    "four",
    "five",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
];

/// Words that join a quantity to the device it counts and are skipped when looking for
/// it: "toutes *les* caméras", "all *of the* cameras", "deux *de nos* caméras".
pub const DETERMINERS: &[&str] = &[
    "les", "la", "le", "l", "de", "des", "du", "d", "nos", "notre", "mes", "ma", "mon", "ses", "sa", "son", "ces",
    "cette", "ce", "cet", "vos", "votre", "leurs", "the", "of", "our", "my", "your", "these", "those", "this", "that",
    "their",
];

/// Words that begin a restriction of "the cameras" to a place: "les caméras *du* parking".
pub const RESTRICTORS: &[&str] = &[
    "du", "de", "d", "des", "dans", "sur", "au", "aux", "a", "en", "pres", "cote", "devant", "derriere", "vers", "of",
    "in", "at", "on", "from", "for", "near", "qu", "by", "around", "outside", "inside", "behind", "facing", "over",
    "along",
];
