import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One refused field of a `REQUEST.INVALID` problem. */
export class FieldProblemView {
  @ApiProperty({ example: 'minutes' }) field!: string;
  @ApiProperty({ type: [String], example: ['minutes must be an integer number'] }) problems!: string[];
}

/**
 * The RFC 9457 problem every error answers with (`ProblemDetailsFilter`), as a schema in each
 * OpenAPI document so clients generated from it know its shape. A problem may carry more facts.
 */
export class ProblemDetailsView {
  @ApiProperty({ example: 'https://stapsteen.be/problems/hours.monthly-cap-exceeded' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Content' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'The month holds 58 counted hours; 3 more would pass the cap of 60' }) detail!: string;
  @ApiProperty({ example: 'HOURS.MONTHLY_CAP_EXCEEDED', description: 'Stable code; the text may change' })
  code!: string;
  @ApiPropertyOptional({ example: 'c0a8012e-4f1b-4c2d-9e3f-5a6b7c8d9e0f' }) correlationId?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ type: [FieldProblemView], description: 'REQUEST.INVALID: the refused fields' })
  errors?: FieldProblemView[];
}
