"""Reading a write body: keys matched to fields ignoring case, values coerced to the field's
type, string lengths and picklist values enforced, read-only fields ignored.

Every writable entity goes through `parse_body`, so what `entityInformation/fields` advertises
(types, lengths, picklists, required flags) is what the sandbox enforces on create and update.
"""

from __future__ import annotations

from procdesk.sandbox.autotask.entities import EntitySpec
from procdesk.sandbox.autotask.fields import DataType, FieldDef
from procdesk.sandbox.autotask.store import Record
from procdesk.sandbox.autotask.values import AutotaskError, coerce

IGNORED_KEYS = {"userdefinedfields"}


def _check_length(field: FieldDef, value: object) -> None:
    too_long = value is not None and field.length and len(str(value)) > field.length
    if field.dataType is DataType.STRING and too_long:
        raise AutotaskError(
            f"The value for field {field.name} exceeds the maximum length of "
            f"{field.length} characters."
        )


def _check_picklist(field: FieldDef, value: object) -> None:
    if value is None or not field.isPickList or field.picklistValues is None:
        return
    allowed = {int(p.value) for p in field.picklistValues if p.isActive}
    if value not in allowed:
        raise AutotaskError(f"Value {value} is not a valid picklist value for {field.name}.")


def parse_body(body: object, entity: EntitySpec) -> Record:
    """Body keys matched to field names ignoring case; values coerced and checked.

    Read-only fields other than `id` are dropped, as Autotask ignores them on write."""
    if not isinstance(body, dict):
        raise AutotaskError("The request body must be a JSON object.")
    values: Record = {}
    for key, raw in body.items():
        if str(key).lower() in IGNORED_KEYS:
            continue
        field = entity.field(str(key))
        if field is None:
            raise AutotaskError(f"Unable to find {key} in the {entity.name} entity.")
        if field.isReadOnly and field.name != "id":
            continue
        value = coerce(field, raw)
        _check_length(field, value)
        _check_picklist(field, value)
        values[field.name] = value
    return values


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def require_fields(values: Record, entity: EntitySpec) -> None:
    """Refuse a record missing any field the entity marks required (except `id`)."""
    for field in entity.fields:
        if field.isRequired and field.name != "id" and is_blank(values.get(field.name)):
            raise AutotaskError(f"Required field {field.name} is missing.")


def blank_record(entity: EntitySpec) -> Record:
    """A record with every field of the entity, all null."""
    return {f.name: None for f in entity.fields}


def writable_names(entity: EntitySpec) -> list[str]:
    return [f.name for f in entity.fields if not f.isReadOnly]


def take_id(values: Record, entity: EntitySpec) -> int:
    """The `id` an update names in its body (Autotask's updates carry it there)."""
    record_id = values.pop("id", None)
    if record_id is None:
        raise AutotaskError(f"The id field is required to update {entity.name}.")
    return int(str(record_id))


def replaced(existing: Record, values: Record, entity: EntitySpec) -> Record:
    """PUT semantics: every writable field takes the body's value or becomes null."""
    record = dict(existing)
    for name in writable_names(entity):
        if name != "id":
            record[name] = values.get(name)
    return record


def as_int(value: object) -> int:
    return int(str(value))
