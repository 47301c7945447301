// Test helpers: field errors as the text upstream prints.

import { fieldErrorText } from '../../errors.js';
import type { FieldError } from '../../resources/model.js';

export const texts = (errs: readonly FieldError[]): string[] => errs.map(fieldErrorText);
