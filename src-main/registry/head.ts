/**
 * Member 1 of the paper form is the head of household (relation "self"), so the head's name is written
 * once. A form may still name the head without listing them as a member (the head is not always a
 * beneficiary, and older callers send it that way); a blank head name is taken from the "self" member.
 * Pure: the API contract, the backend's checks and the entry screen all read the head the same way.
 */
export interface HeadNames {
  headNameMr: string;
  headNameEn: string;
}

interface NamedMember {
  nameMr: string;
  nameEn: string;
  relation: string;
}

/** Index of the member recorded as the head ("self"), or -1. */
export function headMemberIndex(members: readonly NamedMember[]): number {
  return members.findIndex((member) => member.relation === 'self');
}

/** The form with the head's names filled from the "self" member where they were left blank. */
export function withHeadFromMembers<T extends HeadNames & { members: readonly NamedMember[] }>(form: T): T {
  const index = headMemberIndex(form.members);
  if (index < 0) return form;
  const head = form.members[index]!;
  return {
    ...form,
    headNameMr: form.headNameMr.trim() === '' ? head.nameMr : form.headNameMr,
    headNameEn: form.headNameEn.trim() === '' ? head.nameEn : form.headNameEn,
  };
}
