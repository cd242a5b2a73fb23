"""What can be done to the contact on screen, shared by the main screen and the card screen.

A screen mixes this in and says which contact is current (``current_contact_id``) and what to
redraw after a change (``contact_updated`` / ``contact_deleted``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from tui_reseau.display import safe_text
from tui_reseau.domain import contacts as contacts_service
from tui_reseau.ui.widgets.contact_card import ContactCardView, DetailList


class ContactActions:
    """Edit, delete, and keep the memorised details of the current contact."""

    CONTACT_BINDINGS = [
        Binding("e", "edit_contact", "Modifier"),
        Binding("n", "add_detail", "Noter un détail"),
        Binding("m", "record_meeting", "Compte rendu"),
        Binding("r", "new_follow_up", "Relance"),
        Binding("delete", "delete_contact", "Supprimer", key_display="Suppr"),
    ]

    # Provided by the screen --------------------------------------------------
    def current_contact_id(self) -> int | None:
        raise NotImplementedError

    def current_contact_name(self) -> str:
        """The current contact's name as shown on screen ("" if not known yet)."""
        raise NotImplementedError

    def contact_updated(self, contact_id: int) -> None:
        raise NotImplementedError

    def contact_deleted(self, contact_id: int, name: str) -> None:
        raise NotImplementedError

    # Actions -----------------------------------------------------------------
    def action_edit_contact(self) -> None:
        from tui_reseau.ui.screens.contact_form import ContactFormScreen

        contact_id = self.current_contact_id()
        if contact_id is None:
            self.notify("Aucun contact sélectionné.", severity="warning")  # type: ignore[attr-defined]
            return

        def done(saved: int | None) -> None:
            if saved is not None:
                self.app.contact_changed(saved)  # type: ignore[attr-defined]
                self.contact_updated(saved)
                self.notify("Contact enregistré.")  # type: ignore[attr-defined]

        self.app.push_screen(ContactFormScreen(contact_id), done)  # type: ignore[attr-defined]

    def action_delete_contact(self) -> None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            return
        name = safe_text(self.current_contact_name(), single_line=True) or "ce contact"

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(  # type: ignore[attr-defined]
                    contacts_service.delete_contact,
                    contact_id,
                    then=lambda removed: self._deleted(contact_id, removed),
                )

        from tui_reseau.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmScreen(
                f"Supprimer {name} et tout ce qui le concerne (détails mémorisés, relances, "
                "opportunités) ? Cette action est définitive."
            ),
            done,
        )

    def _deleted(self, contact_id: int, name: str) -> None:
        self.app.contact_removed(contact_id)  # type: ignore[attr-defined]
        shown = safe_text(name, single_line=True) or "Contact"
        self.notify(f"{shown} supprimé.", markup=False)  # type: ignore[attr-defined]
        self.contact_deleted(contact_id, name)

    def action_record_meeting(self) -> None:
        """After a meeting, in under a minute: exchange, details, qualification, next step."""
        from tui_reseau.ui.screens.meeting_form import MeetingFormScreen

        contact_id = self.current_contact_id()
        if contact_id is None:
            return

        def done(saved: bool | None) -> None:
            if saved:
                self.contact_updated(contact_id)

        self.app.push_screen(MeetingFormScreen(contact_id), done)  # type: ignore[attr-defined]

    def action_new_follow_up(self) -> None:
        from tui_reseau.ui.screens.follow_up_dialogs import NewFollowUpDialog

        contact_id = self.current_contact_id()
        if contact_id is None:
            return

        def done(saved: bool | None) -> None:
            if saved:
                self.contact_updated(contact_id)

        dialog = NewFollowUpDialog(contact_id, self.current_contact_name())
        self.app.push_screen(dialog, done)  # type: ignore[attr-defined]

    def action_add_detail(self) -> None:
        contact_id = self.current_contact_id()
        if contact_id is not None:
            self.edit_detail(contact_id, None)

    def edit_detail(self, contact_id: int, detail_id: int | None) -> None:
        from tui_reseau.ui.screens.detail_form import DetailFormScreen

        def done(saved: bool | None) -> None:
            if saved:
                self.app.contact_changed(contact_id)  # type: ignore[attr-defined]
                self.contact_updated(contact_id)

        self.app.push_screen(DetailFormScreen(contact_id, detail_id), done)  # type: ignore[attr-defined]

    def _card_view(self) -> ContactCardView:
        return self.query_one(ContactCardView)  # type: ignore[attr-defined]

    def on_detail_list_action(self, event: DetailList.Action) -> None:
        """Edit, mark stale or delete a detail chosen on the card (a mixin: no @on here)."""
        from tui_reseau.domain import details as details_service
        from tui_reseau.ui.screens.confirm import ConfirmScreen

        card = self._card_view().card
        if card is None:
            return
        refresh: Callable[[object], None] = lambda _=None: self.contact_updated(card.id)  # noqa: E731
        if event.kind == "edit":
            self.edit_detail(card.id, event.detail_id)
        elif event.kind == "stale":
            item = next((d for d in card.details if d.id == event.detail_id), None)
            if item is not None:
                self.app.write(  # type: ignore[attr-defined]
                    details_service.set_still_true, item.id, not item.still_true, then=refresh
                )
        elif event.kind == "delete":

            def done(confirmed: bool | None) -> None:
                if confirmed:
                    self.app.write(  # type: ignore[attr-defined]
                        details_service.delete_detail, event.detail_id, then=refresh
                    )

            self.app.push_screen(ConfirmScreen("Supprimer ce détail mémorisé ?"), done)  # type: ignore[attr-defined]
