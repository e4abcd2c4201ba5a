import { Body, Controller, Get, HttpCode, Logger, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, canAccess } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { ImportPrestations } from '../application/import/import-prestations';
import { ImportJob } from '../application/ports';
import { IsEntityId } from '@stapsteen/contracts';
import { UuidParam } from '@stapsteen/service-kit';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The part of multer's file object the import needs. */
interface UploadedCsv {
  originalname: string;
  buffer: Buffer;
}

class StartImportRequest {
  @ApiProperty({ example: 'org-neteland' })
  @IsEntityId()
  organisationId!: string;
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  private readonly logger = new Logger('ImportPrestations');

  constructor(private readonly importPrestations: ImportPrestations) {}

  @Post()
  @HttpCode(202)
  @Roles('ORGANISER', 'ADMIN')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['organisationId', 'file'],
      properties: {
        organisationId: { type: 'string', example: 'org-neteland' },
        file: {
          type: 'string',
          format: 'binary',
          description:
            'CSV with columns deelnemer;datum;minuten (or duur h:mm);type gebruiker;gebruiker;activiteit;km — English headers work too',
        },
      },
    },
  })
  @ApiOperation({ summary: 'Import a month’s prestations from CSV; follow the progress with GET /imports/{id}' })
  @ApiAcceptedResponse({ description: 'The import runs; good rows are stored, bad rows reported with their line' })
  async start(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StartImportRequest,
    @UploadedFile() file: UploadedCsv | undefined,
  ): Promise<ImportJob> {
    if (!file) throw new DomainError('IMPORT.FILE_MISSING', 'validation', 'Attach the CSV file as the "file" field.');
    const { job, done } = await this.importPrestations.start(
      principal,
      body.organisationId,
      file.originalname,
      file.buffer,
    );
    done.catch((error) => this.logger.error({ err: error, importId: job.id }, 'import failed'));
    return job;
  }

  @Get(':id')
  @Roles('ORGANISER', 'ADMIN')
  @ApiOperation({ summary: 'Progress and the row-level report of an import' })
  async progress(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<ImportJob> {
    const job = await this.importPrestations.find(id);
    if (
      !job ||
      !(principal.role === 'ADMIN' || canAccess(principal, { organisationId: job.organisationId, regionId: '' }))
    ) {
      throw new DomainError('IMPORT.NOT_FOUND', 'not-found', 'There is no such import.');
    }
    return job;
  }
}
