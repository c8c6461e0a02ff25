"""专场招聘会 pages (issue 15): public list and detail, seekers' registration and route,
employers' booths, the organisers' pages."""

from django.urls import path

from .views import jobfairs as fairs
from .views import jobfairs_organise as organise

urlpatterns = [
    path("fairs/", fairs.fair_list, name="fair_list"),
    path("fairs/new/", organise.fair_new, name="fair_new"),
    path("fairs/<int:pk>/", fairs.fair_detail, name="fair_detail"),
    path("fairs/<int:pk>/booth/", fairs.booth_new, name="fair_booth_new"),
    path("fairs/booths/<int:pk>/withdraw/", fairs.booth_withdraw_page, name="fair_booth_withdraw"),
    path("fairs/<int:pk>/register/", fairs.fair_register, name="fair_register"),
    path("fairs/<int:pk>/route/", fairs.fair_route, name="fair_route"),
    path("fairs/<int:pk>/publish/", organise.fair_publish_page, name="fair_publish"),
    path("fairs/<int:pk>/results/", organise.fair_results, name="fair_results"),
]
