// Where a North American number is: its area code (NPA) and that area code's state or province,
// from the table bundled in areaCodes.data.ts (its source and date are said there).
import { AREA_CODE_REGIONS } from './areaCodes.data';

const REGIONS = new Map(
	Array.from({ length: AREA_CODE_REGIONS.length / 5 }, (_, index) => {
		const entry = AREA_CODE_REGIONS.slice(index * 5, index * 5 + 5);
		return [entry.slice(0, 3), entry.slice(3)] as const;
	}),
);

/**
 * The area code of a North American number written any way a dialer or a table writes it
 * (+1 949 555 0100, 19495550100, (949) 555-0100), or undefined when it is not one.
 */
export function areaCodeOf(phoneNumber: string): string | undefined {
	const digits = phoneNumber.replace(/\D/g, '');
	const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? national.slice(0, 3) : undefined;
}

/** The two-letter state or province of an area code (CA, NY, ON), or undefined when unknown. */
export const regionOf = (areaCode: string | undefined): string | undefined =>
	areaCode === undefined ? undefined : REGIONS.get(areaCode);
