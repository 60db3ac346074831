/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tag/lexicon.h"

#include <string.h>

/*
 * The built-in actors and topics, in the file format (docs/lexicon.md lists and explains
 * them). An index records the id of the lexicon that built it, so BUILTIN_ID must change with
 * every edit of the text below (builtin-1, builtin-2, ...): an index made with older lists is
 * then recognisably different.
 */
#define BUILTIN_ID "builtin-2"

static const char builtin[] =
    "# newsidx built-in lexicon (" BUILTIN_ID ")\n"
    "#\n"
    "# Actors match folded words (case and accents ignored): list every spelling, each\n"
    "# transliteration and Cyrillic forms. Russian case forms are separate words.\n"
    "\n"
    "actor lavrov: Lavrov | Sergei Lavrov | Sergey Lavrov | Лавров | Сергей Лавров\n"
    "  | Лаврова | Лаврову | Лавровым\n"
    "actor kuleba: Kuleba | Dmytro Kuleba | Dmitry Kuleba | Dmitro Kuleba | Кулеба\n"
    "  | Дмитро Кулеба | Дмитрий Кулеба\n"
    "actor zelenskyy: Zelenskyy | Zelensky | Zelenskiy | Zelenskij | Zelenski | Zelenskyi\n"
    "  | Volodymyr Zelenskyy | Volodymyr Zelensky | Volodymyr Zelenskiy | Vladimir Zelensky\n"
    "  | Зеленский | Зеленський | Владимир Зеленский | Володимир Зеленський\n"
    "  | Зеленского | Зеленскому | Зеленским | Зеленського | Зеленському\n"
    "actor putin: Putin | Vladimir Putin | Vladimir Vladimirovich Putin | Путин\n"
    "  | Владимир Путин | Путина | Путину | Путиным | Путине\n"
    "actor cavusoglu: Cavusoglu | Çavuşoğlu | Mevlut Cavusoglu | Mevlüt Çavuşoğlu\n"
    "  | Чавушоглу\n"
    "actor erdogan: Erdogan | Erdoğan | Recep Tayyip Erdogan | Recep Tayyip Erdoğan | Эрдоган\n"
    "actor stoltenberg: Stoltenberg | Jens Stoltenberg | Столтенберг\n"
    "actor biden: Biden | Joe Biden | Joseph Biden | Байден\n"
    "actor scholz: Scholz | Olaf Scholz | Шольц\n"
    "actor macron: Macron | Emmanuel Macron | Макрон\n"
    "actor peskov: Peskov | Dmitry Peskov | Dmitri Peskov | Песков\n"
    "actor shoigu: Shoigu | Sergei Shoigu | Sergey Shoigu | Шойгу\n"
    "actor blinken: Blinken | Antony Blinken | Anthony Blinken | Блинкен\n"
    "actor guterres: Guterres | António Guterres | Гутерреш | Гутерриш\n"
    "# 'Johnson' alone names too many people.\n"
    "actor boris-johnson: Boris Johnson | Prime Minister Johnson | Борис Джонсон\n"
    "actor yermak: Yermak | Andriy Yermak | Andrii Yermak | Andriy Iermak | Єрмак | Ермак\n"
    "actor podolyak: Podolyak | Podoliak | Mykhailo Podolyak | Mykhailo Podoliak | Подоляк\n"
    "actor arakhamia: Arakhamia | David Arakhamia | Davyd Arakhamia | Арахамия | Арахамія\n"
    "actor medinsky: Medinsky | Vladimir Medinsky | Мединский\n"
    "actor lukashenko: Lukashenko | Alexander Lukashenko | Aleksandr Lukashenko\n"
    "  | Alyaksandr Lukashenka | Lukashenka | Лукашенко\n"
    "actor von-der-leyen: von der Leyen | Ursula von der Leyen\n"
    "actor duda: Duda | Andrzej Duda\n"
    "actor charles-michel: Charles Michel | President Michel\n"
    "\n"
    "# Given names of people who share an actor's surname: 'Oleksiy Kuleba' (a regional head)\n"
    "# is not Dmytro Kuleba. An actor's own first names are in its longer variants.\n"
    "given: Oleksiy | Oleksii | Olena | Jill | Hunter | Brigitte | Melania | Ivanka | Lyudmila\n"
    "  | Sergei | Sergey | Dmytro | Dmitry | Vladimir | Volodymyr | Andriy | Andrii | Mykhailo\n"
    "  | Joe | Joseph | Emmanuel | Olaf | Jens | Antony | Anthony | Recep | Mevlut | Alexander\n"
    "  | Boris | Ursula | Andrzej | Charles | David | Davyd\n"
    "\n"
    "# Topics match stems (talks matches talk). Ambiguous single words (talks, supply,\n"
    "# membership, accession, neutrality, settlement) only appear inside phrases.\n"
    "\n"
    "topic ceasefire: ceasefire | cease-fire | truce | armistice | humanitarian corridor\n"
    "  | evacuation corridor | evacuation route | evacuation | safe passage\n"
    "  | humanitarian pause | peace talks | peace negotiations | negotiations\n"
    "  | negotiating table | round of talks | direct talks | Istanbul talks\n"
    "  | talks in Istanbul | Istanbul communique | peace process | peace deal\n"
    "  | peace agreement | peace plan | peace treaty | peace settlement\n"
    "  | peaceful settlement | political settlement | diplomatic settlement\n"
    "  | settlement process | conflict settlement | diplomatic solution | de-escalation\n"
    "  | mediation | Minsk agreements | Minsk Protocol | Normandy format | Normandy Four\n"
    "  | Trilateral Contact Group | prisoner exchange | exchange of prisoners\n"
    "  | prisoner swap | swap of prisoners | withdrawal of troops\n"
    "  | withdrawal of Russian troops | перемирие | прекращение огня | переговоры\n"
    "topic nato: NATO | НАТО | North Atlantic Alliance | North Atlantic Treaty\n"
    "  | North Atlantic Treaty Organization | the Alliance | Article 5 | Article Five\n"
    "  | collective defence | collective defense | no-fly zone | close the sky\n"
    "  | neutral status | non-bloc status | non-aligned status | military neutrality\n"
    "  | permanent neutrality | security guarantees | eastward expansion\n"
    "  | open door policy | Euro-Atlantic integration | Euro-Atlantic security\n"
    "  | eastern flank | Membership Action Plan | Bucharest summit | Madrid summit\n"
    "  | Partnership for Peace | Североатлантический альянс\n"
    "topic energy: energy | energy security | oil | crude | oil embargo | petroleum\n"
    "  | Strategic Petroleum Reserve | gasoline | diesel | fuel | gas | natural gas\n"
    "  | gas supplies | gas transit | LNG | liquefied natural gas | pipeline\n"
    "  | Nord Stream | Nord Stream 2 | TurkStream | Turkish Stream | Yamal | Gazprom\n"
    "  | Naftogaz | Energoatom | Ukrenergo | Rosneft | Lukoil | OPEC | embargo\n"
    "  | price cap | sanctions on oil | coal | electricity | power grid | power plant\n"
    "  | nuclear power plant | nuclear plant | NPP | IAEA | heating season | refinery\n"
    "  | per barrel | payments in rubles | payment in roubles | нефть | газ\n"
    "  | Северный поток\n";

int nx__lexicon_builtin(nx__lexicon **out)
{
    return nx__lexicon_parse_ex(out, builtin, sizeof builtin - 1, "built-in lexicon", BUILTIN_ID,
                                false);
}
