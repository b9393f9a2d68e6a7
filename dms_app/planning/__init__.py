"""Background planning jobs: parts and vehicle demand forecasts, reorder and vehicle order suggestions.

``runs`` drives a chunked, resumable run recorded in a Forecast Run; ``parts`` and ``vehicles`` are the
two jobs (data extraction from ERPNext, forecasting with dms_app.forecasting, results and suggestions);
``periods`` and ``policy`` are the plain-Python arithmetic they share.
"""
