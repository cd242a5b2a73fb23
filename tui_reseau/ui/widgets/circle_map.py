"""The circle map: three concentric rings (circle 1 inside) cut into five sectors, one per pole.

Ring and sector boundaries are drawn in braille (2 × 4 dots per cell). A terminal cell is about
twice as tall as it is wide (:data:`CELL_ASPECT`), so a braille dot is square and a circle in dot
space is round on screen. The sectors follow the map of the region, north up: Littoral to the
north-west, Lille Métropole to the north-east, the rest of the region to the east, Hors région
to the south (Paris) and Amiens & Somme to the south-west.

Each contact is a two-cell marker in its cell (ring × sector), spread by a hash of its id: a
glyph (◆ ◇ prescriber, ● ○ others; filled: qualified), then a symbol when the person needs
attention: ``!`` overdue follow-up (the whole marker in the alarm colour), ``?`` à raviver, no
news for longer than the cadence (the symbol coloured). A cell with more contacts than room for
markers shows a density shading (░ ▒ ▓, relative to the densest cell) and its counts instead.
Sector labels carry the counts; the ring numbers sit on the north boundary; the last line sums
up the rings. Without colour (NO_COLOR) glyphs and symbols still say everything.

Keys: ↑/↓ move inwards/outwards (beyond ring 3: the whole sector), ←/→ turn anticlockwise /
clockwise (after Littoral: the whole ring), Home selects everything; Tab / shift+Tab visit the
contacts of the selected cell when they are drawn one by one, Échap goes back to the cell;
Entrée chooses the contact, else the area.

The widget displays a :class:`~tui_reseau.domain.network_map.NetworkMap` given to :meth:`show`
and posts messages; it never reads the database. Lines are drawn once per change (data,
selection, size, focus, theme) and kept; the geometry once per size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui_reseau.display import cell_fit
from tui_reseau.domain.network_map import CIRCLES, Flag, NetworkMap, Tally

CELL_ASPECT = 2.0
"""Height of a terminal cell divided by its width (most fonts are close to 2)."""

SECTORS: tuple[str, ...] = ("lille", "region", "hors_region", "amiens", "littoral")
"""The poles clockwise from north; each sector spans 72 degrees."""

LABEL_ANGLES: dict[str, float] = {
    # Where each sector's label goes, clockwise from north: beside the map, never above or
    # below it (the rings take the whole height).
    "lille": 36,
    "region": 108,
    "hors_region": 160,
    "amiens": 250,
    "littoral": 324,
}

SECTOR_NAMES: dict[str, str] = {
    "lille": "Lille Métropole",
    "amiens": "Amiens & Somme",
    "littoral": "Littoral",
    "region": "Reste de la région",
    "hors_region": "Hors région",
}

RING_SHARES: tuple[float, float, float] = (0.45, 0.74, 1.0)
"""Outer radius of each ring, as a share of the map's radius."""

GLYPHS: dict[tuple[bool, bool], str] = {
    # (prescriber, qualified) -> glyph
    (True, True): "◆",
    (True, False): "◇",
    (False, True): "●",
    (False, False): "○",
}
OVERDUE_SYMBOL = "!"
REVIVE_SYMBOL = "?"
SHADES = ("░", "▒", "▓")

_DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [dot row][dot column]
_BRAILLE = 0x2800
_HASH = 2654435761  # Knuth's multiplicative hash: ids spread over the slots of a cell
OUTSIDE = -1


def thousands(n: int) -> str:
    """``12345`` → « 12 345 » (narrow no-break space, as on the contact card)."""
    return f"{n:,}".replace(",", "\u202f")


def region_of(circle: int, pole: str) -> int:
    """The index of a ring × sector cell in the geometry's tables."""
    return (circle - 1) * len(SECTORS) + SECTORS.index(pole)


def attention_text(tally: Tally) -> str:
    """« !3 ?12 » ("" when nobody needs attention)."""
    parts = []
    if tally.overdue:
        parts.append(f"{OVERDUE_SYMBOL}{thousands(tally.overdue)}")
    if tally.to_revive:
        parts.append(f"{REVIVE_SYMBOL}{thousands(tally.to_revive)}")
    return " ".join(parts)


# ------------------------------------------------------------------------------ geometry


@dataclass(slots=True)
class Geometry:
    """Where everything goes for one widget size (no Textual, no data: computed on resize).

    ``regions[y][x]`` is the cell (ring × sector index) under the centre of each character cell
    (:data:`OUTSIDE` beyond ring 3); ``dots[y][x]`` its braille boundary dots. ``slots`` lists the
    two-cell marker places of each region in reading order, ``interior`` its cells free of dots.
    """

    width: int
    height: int
    cx: float
    cy: float
    radii: tuple[float, float, float]
    regions: list[list[int]]
    dots: list[list[int]]
    interior: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    slots: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    ring_labels: list[tuple[int, int]] = field(default_factory=list)
    """Where the ring numbers go: on the north boundary, in the middle of each ring."""

    @property
    def map_rows(self) -> int:
        return self.height - 1  # the last line sums up the rings

    def extent(self, y: int) -> tuple[int, int] | None:
        """The first and last columns the map takes on row ``y`` (None: an empty row)."""
        if not 0 <= y < self.map_rows:
            return None
        regions, dots = self.regions[y], self.dots[y]
        used = [x for x in range(self.width) if regions[x] != OUTSIDE or dots[x]]
        return (used[0], used[-1]) if used else None

    def to_cell(self, dx: float, dy: float) -> tuple[int, int]:
        """The character cell holding the dot ``(dx, dy)``."""
        return int(dx // 2), int(dy // 4)

    def point(self, compass_degrees: float, radius: float) -> tuple[float, float]:
        """The dot at ``radius`` from the centre, ``compass_degrees`` clockwise from north."""
        angle = math.radians(compass_degrees)
        y_scale = CELL_ASPECT / 2  # a dot's height over its width
        return self.cx + radius * math.sin(angle), self.cy - radius * math.cos(angle) / y_scale


def build_geometry(width: int, height: int, label_width: int = 19) -> Geometry:
    """Rings and sectors fitted in ``width`` × ``height`` cells, room for labels on both sides."""
    y_scale = CELL_ASPECT / 2
    map_rows = max(1, height - 1)
    radius_v = (4 * map_rows - 3) / 2 * y_scale
    radius_h = width - 2 * (label_width + 2)
    radius = max(4.0, min(radius_v, radius_h))
    cx = float(width)  # in dots: the middle of the widget
    cy = 1.5 + radius / y_scale
    radii = (radius * RING_SHARES[0], radius * RING_SHARES[1], radius * RING_SHARES[2])
    geometry = Geometry(
        width,
        height,
        cx,
        cy,
        radii,
        regions=[[OUTSIDE] * width for _ in range(map_rows)],
        dots=[[0] * width for _ in range(map_rows)],
    )
    _classify(geometry)
    _draw_boundaries(geometry)
    inner = 0.0
    for outer in radii:
        geometry.ring_labels.append(geometry.to_cell(*geometry.point(0, (inner + outer) / 2)))
        inner = outer
    _find_slots(geometry)
    return geometry


def _classify(g: Geometry) -> None:
    y_scale = CELL_ASPECT / 2
    sector_span = 360 / len(SECTORS)
    r1, r2, r3 = g.radii
    for y, row in enumerate(g.regions):
        dy = (4 * y + 2 - g.cy) * y_scale
        for x in range(g.width):
            dx = 2 * x + 1 - g.cx
            r = math.hypot(dx, dy)
            if r >= r3:
                continue
            ring = 0 if r < r1 else 1 if r < r2 else 2
            compass = math.degrees(math.atan2(dx, -dy)) % 360
            row[x] = ring * len(SECTORS) + int(compass // sector_span) % len(SECTORS)


def _set_dot(g: Geometry, dx: float, dy: float) -> None:
    ix, iy = round(dx), round(dy)
    if 0 <= ix < 2 * g.width and 0 <= iy < 4 * g.map_rows:
        g.dots[iy // 4][ix // 2] |= _DOT_BITS[iy % 4][ix % 2]


def _draw_boundaries(g: Geometry) -> None:
    for radius in g.radii:
        steps = max(24, int(2 * math.pi * radius * 3))
        for i in range(steps):
            _set_dot(g, *g.point(360 * i / steps, radius))
    outer = g.radii[-1]
    for k in range(len(SECTORS)):
        compass = 360 * k / len(SECTORS)
        r = 1.5
        while r <= outer:
            _set_dot(g, *g.point(compass, r))
            r += 0.5


def _find_slots(g: Geometry) -> None:
    # Nothing is written right beside a ring number (« 1 » next to « 191 » would read 1191).
    kept_clear = {(x + dx, y) for x, y in g.ring_labels for dx in (-1, 0, 1)}
    for y, row in enumerate(g.regions):
        dots = g.dots[y]
        x = 0
        while x < g.width:
            region = row[x]
            if region != OUTSIDE and not dots[x] and (x, y) not in kept_clear:
                g.interior.setdefault(region, []).append((x, y))
                if (
                    x + 1 < g.width
                    and row[x + 1] == region
                    and not dots[x + 1]
                    and (x + 1, y) not in kept_clear
                ):
                    g.slots.setdefault(region, []).append((x, y))
                    g.interior[region].append((x + 1, y))
                    x += 2
                    continue
            x += 1


# ------------------------------------------------------------------------------ the widget


class CircleMap(Widget, can_focus=True):
    """The network as concentric circles and poles; arrows move, Tab visits, Enter chooses."""

    BINDINGS = [
        Binding("up", "ring(-1)", "Vers le centre", show=False),
        Binding("down", "ring(1)", "Vers l'extérieur", show=False),
        Binding("left", "sector(-1)", "Secteur précédent", show=False),
        Binding("right", "sector(1)", "Secteur suivant", show=False),
        Binding("home", "whole", "Tout le réseau", show=False),
        Binding("tab", "visit(1)", "Contacts de la case", key_display="tab"),
        Binding("shift+tab", "visit(-1)", "Contact précédent", show=False),
        Binding("escape", "leave_contact", "Retour à la case", show=False),
        Binding("enter", "choose", "Choisir"),
    ]

    COMPONENT_CLASSES = {
        "circle-map--boundary",
        "circle-map--ring-1",
        "circle-map--ring-2",
        "circle-map--ring-3",
        "circle-map--shade-1",
        "circle-map--shade-2",
        "circle-map--shade-3",
        "circle-map--attention",
        "circle-map--revive",
        "circle-map--selected",
        "circle-map--cursor",
        "circle-map--label",
        "circle-map--label-selected",
        "circle-map--count",
        "circle-map--summary",
    }

    DEFAULT_CSS = """
    CircleMap { width: 1fr; height: 1fr; }
    CircleMap > .circle-map--boundary { color: $foreground 70%; }
    CircleMap > .circle-map--ring-1 { color: $success; }
    CircleMap > .circle-map--ring-2 { color: $warning; }
    CircleMap > .circle-map--ring-3 { color: $primary-lighten-2; }
    CircleMap > .circle-map--shade-1 { color: $success 55%; }
    CircleMap > .circle-map--shade-2 { color: $warning 55%; }
    CircleMap > .circle-map--shade-3 { color: $primary-lighten-2 55%; }
    CircleMap > .circle-map--attention { color: $error-lighten-1; text-style: bold; }
    CircleMap > .circle-map--revive { color: $error-lighten-2; text-style: bold; }
    CircleMap > .circle-map--selected { background: $foreground 14%; }
    CircleMap:focus > .circle-map--selected { background: $foreground 22%; }
    CircleMap > .circle-map--cursor { text-style: reverse bold; }
    CircleMap > .circle-map--label { text-style: bold; }
    CircleMap > .circle-map--label-selected { text-style: bold reverse; }
    CircleMap > .circle-map--count { text-style: bold; }
    CircleMap > .circle-map--summary { color: $text-muted; }
    """

    class SelectionChanged(Message):
        """The selection moved: a cell, a ring (``pole`` None), a sector (``circle`` None) or all."""

        def __init__(self, circle: int | None, pole: str | None) -> None:
            super().__init__()
            self.circle = circle
            self.pole = pole

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, CircleMap.SelectionChanged)

    class ContactHighlighted(Message):
        """Tab moved to a contact of the selected cell (None: back to the cell)."""

        def __init__(self, contact_id: int | None) -> None:
            super().__init__()
            self.contact_id = contact_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, CircleMap.ContactHighlighted)

    class ContactChosen(Message):
        """Enter was pressed on a contact."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    class AreaChosen(Message):
        """Enter was pressed on a cell, a ring, a sector or the whole map (both None)."""

        def __init__(self, circle: int | None, pole: str | None) -> None:
            super().__init__()
            self.circle = circle
            self.pole = pole

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.network: NetworkMap | None = None
        self.circle: int | None = None
        self.pole: str | None = None
        self.contact_id: int | None = None
        self._geometry: Geometry | None = None
        self._lines: list[Strip] | None = None
        self._lines_key: tuple[object, ...] = ()
        self._markers: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}
        """Per region drawn as markers: slot → (contact id, flags). Filled when drawing."""

    # ------------------------------------------------------------------ data in

    def show(self, network: NetworkMap | None) -> None:
        """Draw ``network`` (None: the empty rings, while loading).

        The selection is kept, and the highlighted contact too if they are still in its cell.
        """
        self.network = network
        if self.contact_id is not None:
            still_there = (
                network is not None
                and self.circle is not None
                and any(
                    cid == self.contact_id for cid, _ in network.members(self.circle, self.pole)
                )
            )
            if not still_there:
                self.contact_id = None
                self.post_message(self.ContactHighlighted(None))
        self._invalidate()

    @property
    def geometry(self) -> Geometry:
        width, height = self.size
        g = self._geometry
        if g is None or (g.width, g.height) != (width, height):
            g = self._geometry = build_geometry(max(width, 1), max(height, 2))
        return g

    def _invalidate(self) -> None:
        self._lines = None
        self.refresh()
        self.refresh_bindings()  # Tab is offered only where there are contacts to visit

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None

    def on_resize(self, event: events.Resize) -> None:
        self._invalidate()

    def on_focus(self) -> None:
        self._invalidate()

    def on_blur(self) -> None:
        self._invalidate()

    # ------------------------------------------------------------------ selection

    def select(self, circle: int | None, pole: str | None) -> None:
        """Select a cell, a ring (``pole`` None), a sector (``circle`` None) or all (both None)."""
        if (circle, pole) == (self.circle, self.pole) and self.contact_id is None:
            return
        self.circle, self.pole = circle, pole
        if self.contact_id is not None:
            self.contact_id = None
            self.post_message(self.ContactHighlighted(None))
        self.post_message(self.SelectionChanged(circle, pole))
        self._invalidate()

    def action_ring(self, step: int) -> None:
        rings: list[int | None] = [*CIRCLES, None]  # None: beyond ring 3, the whole sector
        index = max(0, min(len(rings) - 1, rings.index(self.circle) + step))
        self.select(rings[index], self.pole)

    def action_sector(self, step: int) -> None:
        sectors: list[str | None] = [*SECTORS, None]  # None: the whole ring
        self.select(self.circle, sectors[(sectors.index(self.pole) + step) % len(sectors)])

    def action_whole(self) -> None:
        self.select(None, None)

    def visitable(self) -> list[int]:
        """The contacts Tab visits: those of the selected cell, when drawn one by one."""
        if self.circle is None or self.pole is None:
            return []
        self._ensure_lines()
        markers = self._markers.get(region_of(self.circle, self.pole), {})
        return [cid for _, (cid, _) in sorted(markers.items(), key=lambda item: item[0][::-1])]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "visit":
            return bool(self.visitable())
        if action == "leave_contact":
            return self.contact_id is not None
        return True

    def action_visit(self, step: int) -> None:
        order = self.visitable()
        if not order:
            return
        if self.contact_id in order:
            index = order.index(self.contact_id) + step  # type: ignore[arg-type]
        else:
            index = 0 if step > 0 else len(order) - 1
        self.contact_id = order[index % len(order)]
        self.post_message(self.ContactHighlighted(self.contact_id))
        self._invalidate()

    def action_leave_contact(self) -> None:
        if self.contact_id is not None:
            self.contact_id = None
            self.post_message(self.ContactHighlighted(None))
            self._invalidate()

    def action_choose(self) -> None:
        if self.contact_id is not None:
            self.post_message(self.ContactChosen(self.contact_id))
        else:
            self.post_message(self.AreaChosen(self.circle, self.pole))

    def on_click(self, event: events.Click) -> None:
        g = self.geometry
        if not (0 <= event.y < g.map_rows and 0 <= event.x < g.width):
            return
        region = g.regions[event.y][event.x]
        if region == OUTSIDE:
            return
        circle, pole = CIRCLES[region // len(SECTORS)], SECTORS[region % len(SECTORS)]
        self.select(circle, pole)
        for x in (event.x, event.x - 1):
            marker = self._markers.get(region, {}).get((x, event.y))
            if marker is not None:
                self.contact_id = marker[0]
                self.post_message(self.ContactHighlighted(self.contact_id))
                if event.chain > 1:
                    self.post_message(self.ContactChosen(self.contact_id))
                self._invalidate()
                return
        if event.chain > 1:
            self.action_choose()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        lines = self._ensure_lines()
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.rich_style)

    def _ensure_lines(self) -> list[Strip]:
        key = (self.size, self.has_focus, self.app.theme)
        if self._lines is None or key != self._lines_key:
            self._lines = self.draw()
            self._lines_key = key
        return self._lines

    def draw(self) -> list[Strip]:
        """Every line of the widget, drawn from the geometry, the data and the selection."""
        g = self.geometry
        canvas = _Canvas(g, self)
        canvas.boundaries()
        self._markers = canvas.cells(self.network)
        canvas.ring_numbers()
        canvas.sector_labels(self.network)
        canvas.select(self.circle, self.pole, self.contact_id)
        lines = canvas.strips()
        lines.append(self._summary_strip(g.width))
        return lines

    def _summary_strip(self, width: int) -> Strip:
        base = self.rich_style
        muted = base + self.get_component_rich_style("circle-map--summary")
        chosen = base + self.get_component_rich_style("circle-map--label-selected")
        network = self.network
        if network is None:
            return Strip([Segment(cell_fit(" Chargement de la carte…", width), muted)])
        segments = [Segment(" ", muted)]
        for circle in CIRCLES:
            text = f"Cercle {circle} : {thousands(network.rings[circle].contacts)}"
            style = chosen if self.circle == circle and self.pole is None else muted
            segments += [Segment(text, style), Segment("   ", muted)]
        if network.unplaced.contacts:
            segments.append(Segment(f"({thousands(network.unplaced.contacts)} sans pôle)", muted))
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)


class _Canvas:
    """A grid of characters and style names, turned into strips at the end."""

    def __init__(self, g: Geometry, widget: CircleMap) -> None:
        self.g = g
        self.widget = widget
        rows = g.map_rows
        self.chars = [[" "] * g.width for _ in range(rows)]
        self.styles: list[list[str | None]] = [[None] * g.width for _ in range(rows)]
        self.selected = [[False] * g.width for _ in range(rows)]
        self.labels: list[tuple[int, int, str, str]] = []  # x, y, text, style
        self.chosen_ring: int | None = None
        self.chosen_pole: str | None = None

    def put(self, x: int, y: int, text: str, style: str | None) -> None:
        row_chars, row_styles = self.chars[y], self.styles[y]
        for i, char in enumerate(text):
            if 0 <= x + i < self.g.width:
                row_chars[x + i] = char
                row_styles[x + i] = style

    def boundaries(self) -> None:
        for y, row in enumerate(self.g.dots):
            for x, bits in enumerate(row):
                if bits:
                    self.chars[y][x] = chr(_BRAILLE + bits)
                    self.styles[y][x] = "boundary"

    def cells(
        self, network: NetworkMap | None
    ) -> dict[int, dict[tuple[int, int], tuple[int, int]]]:
        """Markers where they fit, shading and counts elsewhere; returns the markers drawn."""
        markers: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}
        if network is None:
            return markers
        g = self.g
        crowded: list[tuple[int, int, float]] = []  # region, count, density
        for circle in CIRCLES:
            for pole in SECTORS:
                region = region_of(circle, pole)
                count = network.cells[circle, pole].contacts
                slots = g.slots.get(region, [])
                if not count:
                    continue
                if count <= len(slots):
                    markers[region] = self._markers(region, circle, network.members(circle, pole))
                else:
                    area = max(1, len(g.interior.get(region, ())))
                    crowded.append((region, count, count / area))
        densest = max((density for *_, density in crowded), default=1.0)
        for region, count, density in crowded:
            self._shade(region, count, density / densest, network)
        return markers

    def _markers(
        self, region: int, circle: int, members: list[tuple[int, int]]
    ) -> dict[tuple[int, int], tuple[int, int]]:
        slots = self.g.slots[region]
        taken: dict[tuple[int, int], tuple[int, int]] = {}
        for cid, flags in members:
            index = (cid * _HASH) % (1 << 32) % len(slots)
            while slots[index] in taken:
                index = (index + 1) % len(slots)
            x, y = slots[index]
            taken[x, y] = (cid, flags)
            glyph = GLYPHS[bool(flags & Flag.PRESCRIBER), bool(flags & Flag.QUALIFIED)]
            if flags & Flag.OVERDUE:  # late: the whole marker in the alarm colour
                self.put(x, y, glyph + OVERDUE_SYMBOL, "attention")
            elif flags & Flag.TO_REVIVE:  # common and less pressing: only the symbol
                self.put(x, y, glyph, f"ring-{circle}")
                self.put(x + 1, y, REVIVE_SYMBOL, "revive")
            else:
                self.put(x, y, glyph + " ", f"ring-{circle}")
        return taken

    def _shade(self, region: int, count: int, level: float, network: NetworkMap) -> None:
        circle = CIRCLES[region // len(SECTORS)]
        shade = SHADES[min(len(SHADES) - 1, int(level * len(SHADES) - 1e-9))]
        cells = self.g.interior.get(region, [])
        for x, y in cells:
            self.put(x, y, shade, f"shade-{circle}")
        tally = network.cells[circle, SECTORS[region % len(SECTORS)]]
        for lines in ([thousands(count), attention_text(tally)], [thousands(count)]):
            lines = [line for line in lines if line]
            if self._label_in(region, cells, lines):
                return

    def _label_in(self, region: int, cells: list[tuple[int, int]], lines: list[str]) -> bool:
        """Write ``lines`` (one space around) in the middle of a region if they fit."""
        if not cells:
            return False
        mid_x = sum(x for x, _ in cells) / len(cells)
        mid_y = sum(y for _, y in cells) / len(cells)
        inside = set(cells)
        rows = sorted({y for _, y in cells}, key=lambda y: abs(y + (len(lines) - 1) / 2 - mid_y))
        for top in rows:
            spots = []
            for i, text in enumerate(lines):
                width = len(text) + 2
                start = round(mid_x - width / 2 + 0.5)
                spot = next(
                    (
                        x
                        for x in sorted(
                            range(start - width, start + width), key=lambda x: abs(x - start)
                        )
                        if all((x + k, top + i) in inside for k in range(width))
                    ),
                    None,
                )
                if spot is None:
                    break
                spots.append((spot, top + i, f" {text} "))
            else:
                for x, y, text in spots:
                    self.put(x, y, text, "count")
                return True
        return False

    def ring_numbers(self) -> None:
        """The ring numbers along the north boundary, in the middle of each ring."""
        for circle, (x, y) in zip(CIRCLES, self.g.ring_labels, strict=True):
            if 0 <= y < self.g.map_rows:
                self.put(x, y, str(circle), f"ring-label-{circle}")

    def sector_labels(self, network: NetworkMap | None) -> None:
        """Each sector's name and counts beside the map, next to its outer ring."""
        g = self.g
        for pole in SECTORS:
            compass = LABEL_ANGLES[pole]
            lines = [SECTOR_NAMES[pole]]
            if network is not None:
                tally = network.sectors[pole]
                extra = attention_text(tally)
                lines.append(thousands(tally.contacts) + (f" · {extra}" if extra else ""))
            _, ay = g.to_cell(*g.point(compass, g.radii[-1]))
            cosine = math.cos(math.radians(compass))
            top = ay if -0.5 <= cosine <= 0.5 else ay - len(lines) + 1
            top = max(0, min(g.map_rows - len(lines), top))
            rows = range(top, top + len(lines))
            extents = [e for e in map(g.extent, rows) if e is not None]
            on_the_right = math.sin(math.radians(compass)) > 0
            for y, text in zip(rows, lines, strict=True):
                if on_the_right:
                    x = max((e[1] for e in extents), default=g.width // 2) + 2
                    text = cell_fit(text, max(1, g.width - x)).rstrip()
                else:
                    end = min((e[0] for e in extents), default=g.width // 2) - 2
                    text = cell_fit(text, max(1, end + 1)).rstrip()
                    x = end - len(text) + 1
                self.labels.append((x, y, text, f"label-{pole}"))

    def select(self, circle: int | None, pole: str | None, contact_id: int | None) -> None:
        """Mark the selected cells, and the selected contact's marker."""
        g = self.g
        self.chosen_ring = circle
        self.chosen_pole = pole
        chosen = (
            set()
            if circle is None and pole is None
            else {
                region_of(c, p)
                for c in CIRCLES
                for p in SECTORS
                if (circle is None or c == circle) and (pole is None or p == pole)
            }
        )
        for y, row in enumerate(g.regions):
            marks = self.selected[y]
            for x, region in enumerate(row):
                if region in chosen:
                    marks[x] = True
        if contact_id is not None and circle is not None and pole is not None:
            region = region_of(circle, pole)
            for (x, y), (cid, _) in self.widget._markers.get(region, {}).items():
                if cid == contact_id:
                    self.styles[y][x] = f"cursor:{self.styles[y][x]}"
                    self.styles[y][x + 1] = f"cursor:{self.styles[y][x + 1]}"

    def _style(self, name: str | None, cache: dict[str | None, Style]) -> Style:
        found = cache.get(name)
        if found is not None:
            return found
        widget = self.widget
        base = widget.rich_style
        if name is None:
            style = base
        elif name.startswith("cursor:"):
            cursor = widget.get_component_rich_style("circle-map--cursor", partial=True)
            style = self._style(name[7:], cache) + cursor
        elif name.startswith("ring-label-"):
            circle = int(name.rsplit("-", 1)[1])
            chosen = circle == self.chosen_ring and self.chosen_pole is None
            part = "label-selected" if chosen else f"ring-{circle}"
            label = widget.get_component_rich_style("circle-map--label", partial=True)
            style = base + widget.get_component_rich_style(f"circle-map--{part}") + label
        elif name.startswith("label-"):
            pole = name[6:]
            chosen = pole == self.chosen_pole and self.chosen_ring is None
            part = "label-selected" if chosen else "label"
            style = base + widget.get_component_rich_style(f"circle-map--{part}")
        else:
            style = base + widget.get_component_rich_style(f"circle-map--{name}")
        cache[name] = style
        return style

    def strips(self) -> list[Strip]:
        for x, y, text, style in self.labels:
            self.put(x, y, text, style)
        cache: dict[str | None, Style] = {}
        # Only the background of the selection: the markers keep their colours.
        selected_bg = self.widget.get_component_rich_style("circle-map--selected").bgcolor
        selected_style = Style(bgcolor=selected_bg)
        with_selection: dict[Style, Style] = {}
        strips = []
        for y in range(self.g.map_rows):
            chars, styles, marks = self.chars[y], self.styles[y], self.selected[y]
            segments: list[Segment] = []
            run_start = 0
            for x in range(1, self.g.width + 1):
                if (
                    x < self.g.width
                    and styles[x] == styles[run_start]
                    and marks[x] == marks[run_start]
                ):
                    continue
                style = self._style(styles[run_start], cache)
                if marks[run_start]:
                    style = with_selection.get(style) or with_selection.setdefault(
                        style, style + selected_style
                    )
                segments.append(Segment("".join(chars[run_start:x]), style))
                run_start = x
            strips.append(Strip(segments, self.g.width))
        return strips
