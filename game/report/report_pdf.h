/* report/report_pdf: the PDF report's page flow, shared by report_pdf.c (pages, text, tables)
 * and report_pdf_charts.c (the charts). Internal to game/report. */
#pragma once
#include <cairo.h>

#include "report/report.h"
#include "report/report_chart.h"

#define PDF_PAGE_W 595.276 /* A4 in points */
#define PDF_PAGE_H 841.890
#define PDF_MARGIN 48.0
#define PDF_TOP 70.0                   /* first line below the page header */
#define PDF_BOTTOM (PDF_PAGE_H - 58.0) /* last line above the page footer */
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN)

typedef struct PdfCol {
    const char *title;
    double w; /* points */
} PdfCol;

typedef struct Pdf {
    cairo_surface_t *surf;
    cairo_t *cr;
    const ReportData *d;
    int page;  /* 1-based, 0 before the first */
    int total; /* pages in all; 0 while counting */
    double y;  /* where the next block starts */
    const PdfCol *cols; /* the table being drawn (its header repeats on a new page) */
    int n_cols;
} Pdf;

/* Starts a new page when h more points do not fit on this one. */
void pdf_need(Pdf *p, double h);
void pdf_heading(Pdf *p, const char *text);
/* A wrapped paragraph at the given size (grey when muted). */
void pdf_para(Pdf *p, const char *text, double size, bool muted);

/* The x range (day numbers) the time charts share: the whole period of the record. */
void pdf_period(const ReportData *d, double *x0, double *x1);
/* The charts, each placed at p->y (a new page first when it does not fit). */
void pdf_chart_level(Pdf *p);
void pdf_chart_pain(Pdf *p);
void pdf_chart_dose(Pdf *p);
void pdf_chart_quality(Pdf *p);
void pdf_chart_sitting(Pdf *p);
void pdf_chart_mvc(Pdf *p);
